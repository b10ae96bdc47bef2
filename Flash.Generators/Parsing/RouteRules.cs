using System.Collections.Generic;
using System.Linq;
using Flash.Generators.Parsing.Routes;
using Flash.Manifest.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flash.Generators.Parsing;

/// <summary>The rules for one HTTP route of a load-balanced endpoint.</summary>
internal static class RouteRules
{
    /// <summary>Paths the platform's load-balanced workers answer themselves.</summary>
    public static readonly string[] ReservedPaths = ["/ping", "/execute"];

    /// <summary>Checks one route; <paramref name="seen"/> holds the endpoint's routes so far, by HTTP method and shape.</summary>
    public static void Check(string endpoint, IMethodSymbol method, string httpMethod, string path, Location? location, Dictionary<string, (string Path, string Method)> seen, AttributeArguments args)
    {
        if (!path.StartsWith("/", System.StringComparison.Ordinal))
        {
            args.Report(Problem.Create(ProblemId.RoutePathWithoutSlash, location, endpoint, httpMethod, path)
                .WithProperty(FixKeys.Value, "/" + path));
        }
        else if (ReservedPaths.Contains(path))
        {
            args.Report(ProblemId.ReservedRoutePath, location, endpoint, httpMethod, path);
        }
        else if (NearReserved(path) is { } reserved)
        {
            args.Report(ProblemId.NearReservedRoutePath, location, endpoint, httpMethod, path, reserved);
        }

        var template = RouteTemplate.Parse(path);
        var key = httpMethod + " " + (template.Error is null ? template.Shape : path);
        if (seen.TryGetValue(key, out var earlier))
        {
            args.Report(ProblemId.DuplicateRoute, location, endpoint, httpMethod, path, method.Name, earlier.Path, earlier.Method);
        }
        else
        {
            seen.Add(key, (path, method.Name));
        }

        if (template.Error is { } error)
        {
            args.Report(ProblemId.RouteTemplateInvalid, location, endpoint, httpMethod, path, error);
            return;
        }

        RouteBindingRules.Check(endpoint, method, httpMethod, path, template, location, args);
    }

    /// <summary>The path argument of a route attribute, else the attribute.</summary>
    public static Location? PathLocation(AttributeData route)
    {
        var syntax = route.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;
        return syntax?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation() ?? syntax?.GetLocation();
    }

    /// <summary>The reserved path that <paramref name="path"/> nearly is (case or a trailing '/'), or null.</summary>
    private static string? NearReserved(string path)
    {
        var normalized = path.Trim().TrimEnd('/').ToLowerInvariant();
        return ReservedPaths.FirstOrDefault(r => r == normalized);
    }
}
