using System.Collections.Generic;
using Flash.Generators.Model;

namespace Flash.Generators.Parsing.Routes;

/// <summary>
/// A route path read the way ASP.NET Core's routing reads it when the load-balanced worker maps it: the parameters
/// it declares, or why routing would refuse it.
/// </summary>
internal sealed class RouteTemplate
{
    private RouteTemplate(string? error, IReadOnlyList<RouteParameter> parameters, string shape, IReadOnlyList<PathPart> parts)
    {
        Error = error;
        Parameters = parameters;
        Shape = shape;
        Parts = parts;
    }

    /// <summary>Why routing refuses the path, in one clause; null when it accepts it.</summary>
    public string? Error { get; }

    /// <summary>The parameters in the order they appear; empty when the path is refused.</summary>
    public IReadOnlyList<RouteParameter> Parameters { get; }

    /// <summary>
    /// What requests the path matches, as routing compares paths: literals ignoring case, parameters by their kind
    /// (constraints, optional, catch-all, default) rather than their names, no trailing '/'. Two routes of one HTTP
    /// method with the same shape match the same requests, and routing cannot choose between them. Empty when the
    /// path is refused.
    /// </summary>
    public string Shape { get; }

    /// <summary>
    /// The path a request is sent to, from its leading '/': literal text (braces unescaped) and the parameters that
    /// fill it, in order. Generated clients build their request paths from it. Empty when the path is refused.
    /// </summary>
    public IReadOnlyList<PathPart> Parts { get; }

    /// <summary>
    /// Reads <paramref name="path"/> as the worker's routing does from start to first request: its syntax
    /// (<see cref="RouteTemplateParser"/>), then each parameter's constraints (<see cref="RouteConstraints"/>).
    /// </summary>
    public static RouteTemplate Parse(string path)
    {
        var template = RouteTemplateParser.Parse(path);
        foreach (var parameter in template.Parameters)
        {
            foreach (var constraint in parameter.Constraints)
            {
                if (RouteConstraints.Problem(parameter.Name, constraint) is { } problem)
                {
                    return Invalid(problem);
                }
            }
        }

        return template;
    }

    public static RouteTemplate Valid(IReadOnlyList<RouteParameter> parameters, string shape, IReadOnlyList<PathPart> parts) => new(null, parameters, shape, parts);

    public static RouteTemplate Invalid(string error) => new(error, System.Array.Empty<RouteParameter>(), string.Empty, System.Array.Empty<PathPart>());
}

/// <summary>One <c>{…}</c> parameter of a route path.</summary>
/// <param name="Name">The name, as written: the key of its route value.</param>
/// <param name="IsOptional">Written <c>{name?}</c>: the segment may be missing.</param>
/// <param name="IsCatchAll">Written <c>{*name}</c> or <c>{**name}</c>: takes the rest of the path.</param>
/// <param name="Default">The inline default (<c>{name=value}</c>), or null.</param>
/// <param name="Constraints">The inline constraints as written, e.g. <c>int</c>, <c>range(1,9)</c>.</param>
internal sealed record RouteParameter(string Name, bool IsOptional, bool IsCatchAll, string? Default, IReadOnlyList<string> Constraints);
