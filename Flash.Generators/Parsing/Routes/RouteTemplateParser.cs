using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Flash.Generators.Model;

namespace Flash.Generators.Parsing.Routes;

/// <summary>
/// Reads a route path with the rules of ASP.NET Core's route pattern parser (<c>RoutePatternFactory.Parse</c>), which
/// the load-balanced worker runs on every route at start: it accepts exactly the paths that parser accepts, and for
/// the others says in one clause what is wrong, the first problem in the order that parser meets them.
/// </summary>
/// <remarks>
/// The grammar: an optional leading <c>/</c> (or <c>~/</c>), then segments separated by single <c>/</c>s; a segment
/// is literals and <c>{parameters}</c>, with <c>{{</c> and <c>}}</c> for literal braces (also inside a parameter,
/// where a constraint's arguments may need them). Positions in the clauses count from 0 in the path as written.
/// </remarks>
internal static class RouteTemplateParser
{
    private static readonly char[] NameForbidden = ['/', '{', '}', '?', '*'];

    public static RouteTemplate Parse(string path)
    {
        int at;
        if (path.StartsWith("~/", System.StringComparison.Ordinal))
        {
            at = 2;
        }
        else if (path.StartsWith("/", System.StringComparison.Ordinal))
        {
            at = 1;
        }
        else if (path.StartsWith("~", System.StringComparison.Ordinal))
        {
            return RouteTemplate.Invalid("a path may start with '~' only as '~/'");
        }
        else
        {
            at = 0;
        }

        var reader = new Reader(path);
        var segments = new List<List<Part>>();
        while (at < path.Length)
        {
            if (path[at] == '/')
            {
                return RouteTemplate.Invalid($"the '/' at position {Position(at)} follows another '/', which leaves an empty segment");
            }

            var parts = reader.ReadSegment(ref at);
            if (reader.Error is { } error)
            {
                return RouteTemplate.Invalid(error);
            }

            segments.Add(parts);
            at++; // past the '/' that ends the segment, if any
        }

        for (var s = 0; s < segments.Count; s++)
        {
            var parts = segments[s];
            for (var p = 0; p < parts.Count; p++)
            {
                if (parts[p].Parameter is { IsCatchAll: true } catchAll && (s != segments.Count - 1 || p != parts.Count - 1))
                {
                    return RouteTemplate.Invalid($"the catch-all parameter '{catchAll.Name}' must be the last segment, as it takes the rest of the path");
                }
            }
        }

        return RouteTemplate.Valid(reader.Parameters, Shape(segments), Parts(segments));
    }

    /// <summary>See <see cref="RouteTemplate.Parts"/>: adjacent literals joined, each segment after a '/'.</summary>
    private static List<PathPart> Parts(List<List<Part>> segments)
    {
        var parts = new List<PathPart>();
        var literal = new StringBuilder();
        foreach (var segment in segments.DefaultIfEmpty(new List<Part>()))
        {
            literal.Append('/');
            foreach (var part in segment)
            {
                if (part.Parameter is { } parameter)
                {
                    parts.Add(new PathPart(literal.ToString(), null));
                    literal.Clear();
                    parts.Add(new PathPart(null, parameter.Name));
                }
                else
                {
                    literal.Append(part.Text);
                }
            }
        }

        if (literal.Length > 0)
        {
            parts.Add(new PathPart(literal.ToString(), null));
        }

        return parts.Where(p => p.Literal is not { Length: 0 }).ToList();
    }

    /// <summary>See <see cref="RouteTemplate.Shape"/>.</summary>
    private static string Shape(List<List<Part>> segments)
    {
        var shape = new StringBuilder();
        foreach (var parts in segments)
        {
            shape.Append('/');
            foreach (var part in parts)
            {
                if (part.Parameter is not { } parameter)
                {
                    // Escaped again, so a literal brace never reads as a parameter.
                    shape.Append(part.Text.ToLowerInvariant().Replace("{", "{{").Replace("}", "}}"));
                    continue;
                }

                shape.Append('{').Append(parameter.IsCatchAll ? "*" : string.Empty).Append(parameter.IsOptional ? "?" : string.Empty);
                foreach (var constraint in parameter.Constraints.Select(c => c.ToLowerInvariant()).OrderBy(c => c, System.StringComparer.Ordinal))
                {
                    shape.Append(':').Append(constraint);
                }

                shape.Append(parameter.Default is { } value ? "=" + value : string.Empty).Append('}');
            }
        }

        return shape.Length == 0 ? "/" : shape.ToString();
    }

    private static string Position(int index) => index.ToString(CultureInfo.InvariantCulture);

    /// <summary>A literal (unescaped text) or a parameter of a segment.</summary>
    private readonly struct Part
    {
        private Part(string text, RouteParameter? parameter)
        {
            Text = text;
            Parameter = parameter;
        }

        /// <summary>The literal's text, or the parameter as written for messages: <c>{id:int}</c>.</summary>
        public string Text { get; }

        public RouteParameter? Parameter { get; }

        public static Part Literal(string text) => new(text, null);

        public static Part Of(string written, RouteParameter parameter) => new(written, parameter);
    }

    private sealed class Reader(string path)
    {
        private readonly HashSet<string> _names = new(System.StringComparer.OrdinalIgnoreCase);

        public List<RouteParameter> Parameters { get; } = [];

        public string? Error { get; private set; }

        /// <summary>Reads the segment at <paramref name="at"/>, leaving <paramref name="at"/> on the '/' after it or at the end.</summary>
        public List<Part> ReadSegment(ref int at)
        {
            var parts = new List<Part>();
            while (at < path.Length && path[at] != '/')
            {
                var part = path[at] == '{' && !(at + 1 < path.Length && path[at + 1] == '{') ? ReadParameter(ref at) : ReadLiteral(ref at);
                if (part is not { } found)
                {
                    return parts;
                }

                parts.Add(found);
            }

            Error = SegmentProblem(parts);
            return parts;
        }

        private Part? ReadLiteral(ref int at)
        {
            var text = new StringBuilder();
            while (at < path.Length && path[at] != '/')
            {
                var c = path[at];
                if (c == '{')
                {
                    if (at + 1 < path.Length && path[at + 1] == '{')
                    {
                        text.Append('{');
                        at += 2;
                        continue;
                    }

                    if (at + 1 == path.Length)
                    {
                        Error = $"the '{{' at position {Position(at)} is never closed";
                        return null;
                    }

                    break;
                }

                if (c == '}')
                {
                    if (at + 1 < path.Length && path[at + 1] == '}')
                    {
                        text.Append('}');
                        at += 2;
                        continue;
                    }

                    Error = $"the '}}' at position {Position(at)} closes no parameter (write '}}}}' for a literal '}}')";
                    return null;
                }

                text.Append(c);
                at++;
            }

            var literal = text.ToString();
            if (literal.IndexOf('?') >= 0)
            {
                Error = $"the literal '{literal}' contains '?', which would start the query string (a parameter is optional with '{{name?}}')";
                return null;
            }

            return Part.Literal(literal);
        }

        private Part? ReadParameter(ref int at)
        {
            var open = at;
            var text = new StringBuilder();
            at++;
            while (true)
            {
                if (at >= path.Length)
                {
                    Error = $"the '{{' at position {Position(open)} is never closed";
                    return null;
                }

                var c = path[at];
                if (c == '{')
                {
                    if (at + 1 >= path.Length)
                    {
                        Error = $"the '{{' at position {Position(open)} is never closed";
                        return null;
                    }

                    if (path[at + 1] != '{')
                    {
                        Error = $"the '{{' at position {Position(at)} is inside the parameter that starts at position {Position(open)} (write '{{{{' for a literal '{{')";
                        return null;
                    }

                    text.Append('{');
                    at += 2;
                    continue;
                }

                if (c == '}')
                {
                    if (at + 1 < path.Length && path[at + 1] == '}')
                    {
                        text.Append('}');
                        at += 2;
                        continue;
                    }

                    break;
                }

                text.Append(c);
                at++;
            }

            at++; // past the closing '}'
            var written = path.Substring(open, at - open);
            var inside = text.ToString();
            var parameter = RouteParameterParser.Parse(inside);
            Error = ParameterProblem(inside, written, parameter);
            if (Error is not null)
            {
                return null;
            }

            Parameters.Add(parameter);
            return Part.Of(written, parameter);
        }

        private string? ParameterProblem(string inside, string written, RouteParameter parameter)
        {
            if (inside.StartsWith("*", System.StringComparison.Ordinal) && inside.EndsWith("?", System.StringComparison.Ordinal))
            {
                return $"the catch-all parameter '{written}' cannot also be optional";
            }

            if (parameter.IsOptional && parameter.Default is not null)
            {
                return $"the optional parameter '{written}' cannot also have a default value";
            }

            if (parameter.Name.Length == 0)
            {
                return $"the parameter '{written}' has no name";
            }

            if (parameter.Name.IndexOfAny(NameForbidden) >= 0)
            {
                return $"the parameter name '{parameter.Name}' in '{written}' contains '{parameter.Name[parameter.Name.IndexOfAny(NameForbidden)]}' (names cannot contain '/', '{{', '}}', '?' or '*'; '?' may only end a parameter, '*' only start one)";
            }

            if (!_names.Add(parameter.Name))
            {
                return $"the parameter '{parameter.Name}' appears twice (names are compared ignoring case)";
            }

            return null;
        }

        private static string? SegmentProblem(List<Part> parts)
        {
            if (parts.Count > 1)
            {
                foreach (var part in parts)
                {
                    if (part.Parameter is { IsCatchAll: true } catchAll)
                    {
                        return $"the catch-all parameter '{catchAll.Name}' must fill its segment alone, without literals or other parameters";
                    }
                }

                for (var i = 0; i < parts.Count; i++)
                {
                    if (parts[i].Parameter is not { IsOptional: true } optional)
                    {
                        continue;
                    }

                    if (i < parts.Count - 1)
                    {
                        return $"the optional parameter '{optional.Name}' must end its segment, but '{parts[i + 1].Text}' follows it";
                    }

                    var before = parts[i - 1];
                    if (before.Parameter is not null || before.Text != ".")
                    {
                        return $"the optional parameter '{optional.Name}' follows '{before.Text}', but inside a segment only a '.' may come before an optional parameter";
                    }
                }
            }

            for (var i = 1; i < parts.Count; i++)
            {
                if (parts[i - 1].Parameter is { } first && parts[i].Parameter is { } second)
                {
                    return $"the parameters '{first.Name}' and '{second.Name}' follow each other in one segment; separate them with a literal or a '/'";
                }
            }

            return null;
        }
    }
}
