using System.Text;

namespace Flash.Generators.Model;

/// <summary>Turns names into text that is valid inside a C# identifier.</summary>
internal static class Naming
{
    /// <summary>Appends <paramref name="text"/> with every character that cannot be in an identifier replaced by '_'.</summary>
    public static void AppendSanitized(StringBuilder builder, string text)
    {
        foreach (var c in text)
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        }
    }
}
