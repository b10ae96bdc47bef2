using System.Globalization;
using System.Text;

namespace Flash.Cli.Commands;

/// <summary>Text from a file or the command line, made safe to print inside a one-line message.</summary>
internal static class Printable
{
    private const int MaxLength = 200;

    /// <summary>The text with control characters as <c>\uXXXX</c> (a line break or a terminal escape would garble the message), cut after 200 characters.</summary>
    public static string Of(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxLength) + 1);
        foreach (var c in text.Length > MaxLength ? text[..MaxLength] : text)
        {
            if (char.IsControl(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return text.Length > MaxLength ? builder.Append('…').ToString() : builder.ToString();
    }
}
