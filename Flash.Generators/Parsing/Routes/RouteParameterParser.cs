using System.Collections.Generic;

namespace Flash.Generators.Parsing.Routes;

/// <summary>
/// Reads the inside of one <c>{…}</c> (braces already unescaped) into a <see cref="RouteParameter"/>, with ASP.NET
/// Core's reading of it, quirks included, so the names and constraints found here are the ones the worker's routing
/// will look up: <c>*</c> or <c>**</c> before the name makes a catch-all, <c>?</c> at the end an optional parameter,
/// <c>:</c> starts a constraint (whose parentheses may hold <c>:</c> and <c>=</c> when they close later), and
/// <c>=</c> outside parentheses starts the default. A first character <c>:</c> or <c>=</c> belongs to the name.
/// </summary>
internal static class RouteParameterParser
{
    private enum State
    {
        BeforeConstraint,
        ConstraintName,
        ConstraintArguments,
    }

    public static RouteParameter Parse(string text)
    {
        if (text.Length == 0)
        {
            return new RouteParameter(string.Empty, false, false, null, System.Array.Empty<string>());
        }

        var first = 0;
        var last = text.Length - 1;
        var catchAll = false;
        if (text.StartsWith("**", System.StringComparison.Ordinal))
        {
            catchAll = true;
            first = 2;
        }
        else if (text[0] == '*')
        {
            catchAll = true;
            first = 1;
        }

        var optional = text[last] == '?';
        if (optional)
        {
            last--;
        }

        var name = text.Substring(first, System.Math.Max(0, last - first + 1));
        var cursor = last + 1;
        for (var i = first + 1; i <= last; i++)
        {
            if (text[i] is ':' or '=')
            {
                name = text.Substring(first, i - first);

                // Reading resumes on the name's last character, which counts when it is '(' (see ReadConstraints).
                cursor = i - 1;
                break;
            }
        }

        var constraints = new List<string>();
        var end = ReadConstraints(text, cursor, last, constraints);
        var @default = end <= last && text[end] == '=' ? text.Substring(end + 1, last - end) : null;
        return new RouteParameter(name, optional, catchAll && !optional, @default, constraints);
    }

    /// <summary>
    /// Collects the constraints from <paramref name="at"/> to <paramref name="last"/> and returns where reading
    /// stopped: the '=' of a default, or past <paramref name="last"/>. A '(' read before the first ':' opens a
    /// constraint whose text begins with it: <c>{a(:int}</c> has the constraints <c>(</c> and <c>int</c>.
    /// </summary>
    private static int ReadConstraints(string text, int at, int last, List<string> constraints)
    {
        var state = State.BeforeConstraint;
        var from = at;
        for (; ; at++)
        {
            var c = at > last ? (char?)null : text[at];
            switch (state)
            {
                case State.BeforeConstraint:
                    switch (c)
                    {
                        case null:
                            return at + 1;
                        case '=':
                            return at;
                        case ':':
                            state = State.ConstraintName;
                            from = at + 1;
                            break;
                        case '(':
                            state = State.ConstraintArguments;
                            break;
                    }

                    break;
                case State.ConstraintName:
                    switch (c)
                    {
                        case null:
                            AddUnlessEmpty(text, from, at, constraints);
                            return at + 1;
                        case '=':
                            AddUnlessEmpty(text, from, at, constraints);
                            return at;
                        case ':':
                            AddUnlessEmpty(text, from, at, constraints);
                            from = at + 1;
                            break;
                        case '(':
                            state = State.ConstraintArguments;
                            break;
                    }

                    break;
                default:
                    switch (c)
                    {
                        case null:
                            constraints.Add(text.Substring(from, at - from));
                            return at + 1;
                        case ')':
                            var next = at + 1 > last ? (char?)null : text[at + 1];
                            if (next is null or ':' or '=')
                            {
                                constraints.Add(text.Substring(from, at + 1 - from));
                                if (next != ':')
                                {
                                    return at + 1;
                                }

                                state = State.BeforeConstraint;
                                from = at + 1;
                            }

                            break;
                        case ':':
                        case '=':
                            // A ':' or '=' inside parentheses that close later belongs to the arguments.
                            var close = text.IndexOf(')', at + 1);
                            if (close >= 0)
                            {
                                at = close;
                                break;
                            }

                            constraints.Add(text.Substring(from, at - from));
                            if (c == '=')
                            {
                                return at;
                            }

                            state = State.ConstraintName;
                            from = at + 1;
                            break;
                    }

                    break;
            }
        }
    }

    private static void AddUnlessEmpty(string text, int from, int to, List<string> constraints)
    {
        if (to > from)
        {
            constraints.Add(text.Substring(from, to - from));
        }
    }
}
