using System.Linq;
using Flash.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Flash.Generators.Parsing;

/// <summary>
/// Which constructor creates an endpoint class's one instance per worker. Its parameters are services: generated code
/// calls it directly with arguments from the app's service provider (no reflection, Native AOT safe).
/// </summary>
internal static class EndpointConstructor
{
    /// <summary>
    /// The constructor to call: the only accessible one, or among several the one with the most parameters when it is
    /// unique. Null when there is none (an abstract class, no accessible constructor, a tie, a ref parameter).
    /// </summary>
    public static IMethodSymbol? Choose(INamedTypeSymbol type)
    {
        if (type.IsAbstract || type.IsStatic)
        {
            return null;
        }

        var accessible = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)
            .ToList();
        if (accessible.Count == 0)
        {
            return null;
        }

        var most = accessible.Max(c => c.Parameters.Length);
        var chosen = accessible.Where(c => c.Parameters.Length == most).ToList();
        return chosen.Count == 1 && chosen[0].Parameters.All(p => p.RefKind == RefKind.None && TypeRules.CanBeNamed(p.Type) && !p.Type.IsRefLikeType)
            ? chosen[0]
            : null;
    }

    /// <summary>The chosen constructor's parameters; empty when there is none or it takes none.</summary>
    public static EquatableArray<ParameterModel> Parameters(INamedTypeSymbol type) =>
        Choose(type) is { } constructor
            ? new EquatableArray<ParameterModel>(constructor.Parameters.Select(p => new ParameterModel(
                p.Name,
                EndpointParser.FullName(p.Type),
                IsCancellationToken: false,
                p.HasExplicitDefaultValue,
                p.HasExplicitDefaultValue ? EndpointParser.DefaultLiteral(p) : null)))
            : EquatableArray<ParameterModel>.Empty;
}
