using System.Globalization;

namespace Flash.Platform;

/// <summary>Names characters in messages about text the user wrote: visible ones quoted, the others by code point.</summary>
internal static class Characters
{
    /// <summary>The character (or surrogate pair) at <paramref name="index"/>, e.g. <c>'/'</c>, <c>a space</c>, <c>the character U+1F600</c>.</summary>
    public static string Describe(string text, int index)
    {
        var c = text[index];
        if (c == ' ')
        {
            return "a space";
        }

        if (c is > ' ' and < '\u007f')
        {
            return "'" + c + "'";
        }

        var codePoint = char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1])
            ? char.ConvertToUtf32(c, text[index + 1])
            : c;
        return (char.IsControl(c) || char.IsWhiteSpace(c) ? "the control or space character U+" : "the non-ASCII character U+") +
            codePoint.ToString("X4", CultureInfo.InvariantCulture);
    }

    /// <summary>A number as digits, whatever the current culture.</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
