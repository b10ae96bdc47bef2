namespace Flash.Generators.Parsing.Routes;

/// <summary>
/// Reads an integer the way .NET's <c>long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)</c> does,
/// which is how routing converts a constraint's arguments: optional white space (tab to carriage return, and space)
/// around an optional '+' or '-' and ASCII digits, and trailing NUL characters.
/// </summary>
internal static class InvariantInteger
{
    public enum Outcome
    {
        Number,
        NotANumber,
        TooLarge,
    }

    public static Outcome Read(string text, out long value)
    {
        value = 0;
        var at = 0;
        while (at < text.Length && IsWhite(text[at]))
        {
            at++;
        }

        var negative = false;
        if (at < text.Length && text[at] is '+' or '-')
        {
            negative = text[at] == '-';
            at++;
        }

        var digitsStart = at;
        ulong magnitude = 0;
        var overflow = false;
        while (at < text.Length && text[at] is >= '0' and <= '9')
        {
            var digit = (ulong)(text[at] - '0');
            overflow |= magnitude > (ulong.MaxValue - digit) / 10;
            magnitude = unchecked((magnitude * 10) + digit);
            at++;
        }

        if (at == digitsStart)
        {
            return Outcome.NotANumber;
        }

        while (at < text.Length && IsWhite(text[at]))
        {
            at++;
        }

        while (at < text.Length && text[at] == '\0')
        {
            at++;
        }

        if (at < text.Length)
        {
            return Outcome.NotANumber;
        }

        const ulong largestNegative = 9223372036854775808UL;
        if (overflow || magnitude > (negative ? largestNegative : long.MaxValue))
        {
            return Outcome.TooLarge;
        }

        value = negative ? unchecked((long)(0 - magnitude)) : (long)magnitude;
        return Outcome.Number;
    }

    private static bool IsWhite(char c) => c is (>= '\t' and <= '\r') or ' ';
}
