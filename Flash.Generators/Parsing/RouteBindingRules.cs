using System.Linq;
using Flash.Generators.Parsing.Routes;
using Flash.Manifest.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flash.Generators.Parsing;

/// <summary>
/// The rules for how a route's parameters reach its method. The worker binds each route value to the method
/// parameter of exactly the same name (case included: it looks the name up in the JSON object it builds from the
/// request), as a JSON string read by System.Text.Json into the parameter's type.
/// </summary>
internal static class RouteBindingRules
{
    public static void Check(string endpoint, IMethodSymbol method, string httpMethod, string path, RouteTemplate template, Location? location, AttributeArguments args)
    {
        foreach (var routeParameter in template.Parameters)
        {
            var parameter = method.Parameters.FirstOrDefault(p => p.Name == routeParameter.Name);
            if (parameter is null || TypeRules.IsCancellationToken(parameter.Type))
            {
                args.Report(ProblemId.RouteParameterUnbound, location, endpoint, httpMethod, path, method.Name, routeParameter.Name,
                    UnboundFix(method, routeParameter.Name, parameter));
                continue;
            }

            if (RouteValueTypes.NeverReadsText(parameter.Type))
            {
                args.Report(ProblemId.RouteValueUnreadable, location, endpoint, httpMethod, path, parameter.Name, parameter.Type.ToDisplayString());
                continue;
            }

            if (RouteValueTypes.TypeFor(routeParameter.Constraints, parameter.Type) is { } typed)
            {
                args.Report(ProblemId.RouteConstraintOnText, location, endpoint, httpMethod, path, typed.Constraint,
                    parameter.Name, RouteConstraints.Describe(typed.Kind), parameter.Type.ToDisplayString(), typed.Types);
                continue;
            }

            if (RouteValueTypes.Reads(parameter.Type) is not { } reads)
            {
                continue;
            }

            foreach (var constraint in routeParameter.Constraints)
            {
                if (RouteConstraints.KindOf(constraint) is { } kind && !reads.Contains(kind))
                {
                    args.Report(ProblemId.RouteConstraintContradictsType, location, endpoint, httpMethod, path, constraint,
                        RouteConstraints.Describe(kind), parameter.Name, parameter.Type.ToDisplayString());
                    break;
                }
            }
        }
    }

    private static string UnboundFix(IMethodSymbol method, string name, IParameterSymbol? token)
    {
        if (token is not null)
        {
            return $"'{name}' is the method's CancellationToken, which no request value sets; rename the route parameter";
        }

        var sameButCase = method.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, System.StringComparison.OrdinalIgnoreCase) && !TypeRules.IsCancellationToken(p.Type));
        if (sameButCase is not null)
        {
            return $"route values bind by exact name, so write '{sameButCase.Name}' as the method's parameter is spelled";
        }

        return SyntaxFacts.IsValidIdentifier(name)
            ? $"add a parameter named '{name}' to '{method.Name}', or rename the route parameter after one of its parameters"
            : $"rename the route parameter after one of the parameters of '{method.Name}'";
    }
}
