using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;

namespace Flash.Generators.Parsing.Routes;

/// <summary>The kind of value a type-specific route constraint lets through.</summary>
internal enum RouteValueKind
{
    WholeNumber,
    DecimalNumber,
    TrueOrFalse,
    DateOrTime,
    Guid,
    Letters,
}

/// <summary>
/// The inline route constraints the load-balanced worker's routing can create, and why it cannot create the others.
/// The worker uses ASP.NET Core's slim routing (<c>WebApplication.CreateSlimBuilder</c>, the same on .NET 8 and 10):
/// its constraint map holds the names below, matched ignoring case, and maps <c>regex</c> to a stand-in that throws.
/// A constraint is created when the worker builds its route table, at the first request: one it cannot create makes
/// every request fail, <c>/ping</c> included. Arguments are read as that routing reads them: one whole argument for
/// the constraints with one parameter (<c>min</c>, <c>max</c>, <c>minlength</c>, <c>maxlength</c>), else split at
/// ',' and trimmed; each is an integer in the invariant culture.
/// </summary>
internal static class RouteConstraints
{
    private enum Shape
    {
        NoArguments,
        OneInt32,
        OneInt64,
        Length,
        Range,
        Unavailable,
    }

    private enum Width
    {
        Int32,
        Int64,
    }

    private static readonly Dictionary<string, (Shape Shape, RouteValueKind? Kind)> Known = new(System.StringComparer.OrdinalIgnoreCase)
    {
        ["int"] = (Shape.NoArguments, RouteValueKind.WholeNumber),
        ["long"] = (Shape.NoArguments, RouteValueKind.WholeNumber),
        ["min"] = (Shape.OneInt64, RouteValueKind.WholeNumber),
        ["max"] = (Shape.OneInt64, RouteValueKind.WholeNumber),
        ["range"] = (Shape.Range, RouteValueKind.WholeNumber),
        ["decimal"] = (Shape.NoArguments, RouteValueKind.DecimalNumber),
        ["double"] = (Shape.NoArguments, RouteValueKind.DecimalNumber),
        ["float"] = (Shape.NoArguments, RouteValueKind.DecimalNumber),
        ["bool"] = (Shape.NoArguments, RouteValueKind.TrueOrFalse),
        ["datetime"] = (Shape.NoArguments, RouteValueKind.DateOrTime),
        ["guid"] = (Shape.NoArguments, RouteValueKind.Guid),
        ["alpha"] = (Shape.NoArguments, RouteValueKind.Letters),
        ["minlength"] = (Shape.OneInt32, null),
        ["maxlength"] = (Shape.OneInt32, null),
        ["length"] = (Shape.Length, null),
        ["required"] = (Shape.NoArguments, null),
        ["file"] = (Shape.NoArguments, null),
        ["nonfile"] = (Shape.NoArguments, null),
        ["regex"] = (Shape.Unavailable, null),
    };

    /// <summary>The names the worker's routing resolves, for messages.</summary>
    public static string Names { get; } = string.Join(", ", Known.Where(k => k.Value.Shape != Shape.Unavailable).Select(k => k.Key).OrderBy(k => k, System.StringComparer.Ordinal));

    /// <summary>What <paramref name="constraint"/> lets through, when it is a type-specific constraint.</summary>
    public static RouteValueKind? KindOf(string constraint) =>
        Known.TryGetValue(Split(constraint, out _), out var known) ? known.Kind : null;

    /// <summary>How a message names what a kind of constraint lets through.</summary>
    public static string Describe(RouteValueKind kind) => kind switch
    {
        RouteValueKind.WholeNumber => "whole numbers",
        RouteValueKind.DecimalNumber => "decimal numbers",
        RouteValueKind.TrueOrFalse => "'true' and 'false'",
        RouteValueKind.DateOrTime => "dates and times",
        RouteValueKind.Guid => "GUIDs",
        _ => "letters",
    };

    /// <summary>Why the worker's routing cannot create <paramref name="constraint"/> for parameter <paramref name="parameter"/>, in one clause; null when it can.</summary>
    public static string? Problem(string parameter, string constraint)
    {
        var name = Split(constraint, out var arguments);
        if (!Known.TryGetValue(name, out var known))
        {
            return constraint.IndexOf('(') >= 0 && !constraint.EndsWith(")", System.StringComparison.Ordinal)
                ? $"the constraint '{constraint}' on '{parameter}' has no closing ')'"
                : $"the constraint '{constraint}' on '{parameter}' is not one the worker's routing knows ({Names})";
        }

        return known.Shape switch
        {
            Shape.Unavailable => $"the worker's routing has no '{name}' constraint (its slim ASP.NET Core routing leaves regular expressions out); use alpha, length or range instead, or check '{parameter}' in the method",
            Shape.NoArguments => arguments is null ? null : $"the constraint '{name}' on '{parameter}' takes no arguments; write '{name}'",
            Shape.OneInt32 => arguments is null
                ? $"the constraint '{name}' on '{parameter}' needs a number in parentheses, e.g. '{name}(3)'"
                : IntegerProblem(constraint, arguments, Width.Int32, out var length) ?? NegativeProblem(constraint, length),
            Shape.OneInt64 => arguments is null
                ? $"the constraint '{name}' on '{parameter}' needs a number in parentheses, e.g. '{name}(3)'"
                : IntegerProblem(constraint, arguments, Width.Int64, out _),
            Shape.Length => LengthProblem(parameter, constraint, SplitArguments(arguments)),
            _ => RangeProblem(parameter, constraint, SplitArguments(arguments)),
        };
    }

    /// <summary>The name of a constraint as its text is looked up: before the first '(' when the text ends with ')'.</summary>
    private static string Split(string constraint, out string? arguments)
    {
        var open = constraint.IndexOf('(');
        if (open >= 0 && constraint.EndsWith(")", System.StringComparison.Ordinal))
        {
            arguments = constraint.Substring(open + 1, constraint.Length - open - 2);
            return constraint.Substring(0, open);
        }

        arguments = null;
        return constraint;
    }

    private static string[] SplitArguments(string? arguments) =>
        arguments is null ? [] : arguments.Split(',').Select(a => a.Trim()).ToArray();

    private static string? LengthProblem(string parameter, string constraint, string[] arguments)
    {
        if (arguments.Length is not (1 or 2))
        {
            return $"the constraint '{constraint}' on '{parameter}' takes one or two numbers, e.g. 'length(8)' or 'length(1,20)'";
        }

        long max = 0;
        var problem = IntegerProblem(constraint, arguments[0], Width.Int32, out var min) ??
                      (arguments.Length == 2 ? IntegerProblem(constraint, arguments[1], Width.Int32, out max) : null) ??
                      NegativeProblem(constraint, min) ??
                      (arguments.Length == 2 ? NegativeProblem(constraint, max) : null);
        return problem ?? (arguments.Length == 2 && min > max ? $"the constraint '{constraint}' has a minimum length above its maximum" : null);
    }

    private static string? RangeProblem(string parameter, string constraint, string[] arguments)
    {
        if (arguments.Length != 2)
        {
            return $"the constraint '{constraint}' on '{parameter}' takes two numbers, e.g. 'range(1,100)'";
        }

        long max = 0;
        var problem = IntegerProblem(constraint, arguments[0], Width.Int64, out var min) ??
                      IntegerProblem(constraint, arguments[1], Width.Int64, out max);
        return problem ?? (min > max ? $"the constraint '{constraint}' has a minimum above its maximum" : null);
    }

    private static string? NegativeProblem(string constraint, long value) =>
        value < 0 ? $"the constraint '{constraint}' has a negative length" : null;

    /// <summary>
    /// Reads an argument as routing converts it (<c>NumberStyles.Integer</c>, the invariant culture); a whole number too
    /// large for 64 bits is told apart from text that is no number.
    /// </summary>
    private static string? IntegerProblem(string constraint, string argument, Width width, out long value)
    {
        var number = long.TryParse(argument, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
        if (!number && !BigInteger.TryParse(argument, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return $"the argument '{argument}' of '{constraint}' is not a whole number";
        }

        var fits = number && (width == Width.Int64 || (value >= int.MinValue && value <= int.MaxValue));
        return fits ? null : $"the argument '{argument}' of '{constraint}' does not fit in a {(width == Width.Int32 ? "32" : "64")}-bit integer";
    }
}
