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

    /// <summary>
    /// The namespace of the generated <c>FlashManifest</c>: the assembly name, made a valid dotted identifier. The
    /// entry-point analyzer names it in its message and fix, so both follow the generator.
    /// </summary>
    public static string Namespace(string assemblyName)
    {
        var builder = new StringBuilder();
        foreach (var part in assemblyName.Split('.'))
        {
            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            var before = builder.Length;
            AppendSanitized(builder, part);
            if (builder.Length == before || char.IsDigit(builder[before]))
            {
                builder.Insert(before, '_');
            }
        }

        return builder.Length == 0 ? "FlashApp" : builder.ToString();
    }
}
