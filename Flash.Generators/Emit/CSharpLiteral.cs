using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Flash.Generators.Emit;

/// <summary>Values as C# source text, the way the templates write them.</summary>
internal static class CSharpLiteral
{
    /// <summary>A C# string literal, or <c>null</c>: the compiler's own formatting (<see cref="SymbolDisplay.FormatLiteral(string, bool)"/>).</summary>
    /// <remarks>
    /// Printable ASCII text with quotes, backslashes and newlines (all of a manifest's JSON, megabytes in a large app)
    /// is escaped here in one pass into a buffer of the right size; any other text goes to the compiler's formatter.
    /// Both give the same characters.
    /// </remarks>
    public static string String(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var escapes = 0;
        foreach (var c in value)
        {
            if (c is '"' or '\\' or '\n')
            {
                escapes++;
            }
            else if (c is < ' ' or > '~')
            {
                return SymbolDisplay.FormatLiteral(value, quote: true);
            }
        }

        var literal = new StringBuilder(value.Length + escapes + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => literal.Append("\\\""),
                '\\' => literal.Append("\\\\"),
                '\n' => literal.Append("\\n"),
                _ => literal.Append(c),
            };
        }

        return literal.Append('"').ToString();
    }

    /// <summary>A C# int literal, or <c>null</c>.</summary>
    public static string Int(int? value) => value is { } i ? i.ToString(CultureInfo.InvariantCulture) : "null";
}
