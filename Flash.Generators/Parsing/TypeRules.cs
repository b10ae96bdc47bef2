using System.Linq;
using Flash.Manifest.Rules;
using Microsoft.CodeAnalysis;

namespace Flash.Generators.Parsing;

/// <summary>Whether System.Text.Json can carry a method's parameters (read from the job input) and result (written).</summary>
internal static class TypeRules
{
    /// <summary>Reports each parameter or result JSON cannot carry; false when there was one.</summary>
    public static bool CheckBindable(IMethodSymbol method, AttributeArguments args)
    {
        var bindable = true;
        foreach (var parameter in method.Parameters)
        {
            if (IsCancellationToken(parameter.Type))
            {
                continue;
            }

            if (Unbindable(parameter.Type, reading: true) is { } reason)
            {
                args.Report(ProblemId.UnbindableType, parameter.Locations.FirstOrDefault() ?? args.Location,
                    method.Name, $"parameter '{parameter.Name}'", parameter.Type.ToDisplayString(), reason);
                bindable = false;
            }
        }

        var result = ResultType(method.ReturnType);
        if (result is not null && Unbindable(result, reading: false) is { } resultReason)
        {
            args.Report(ProblemId.UnbindableType, method.Locations.FirstOrDefault() ?? args.Location,
                method.Name, "result", result.ToDisplayString(), resultReason);
            bindable = false;
        }

        return bindable;
    }

    /// <summary>Why JSON cannot carry <paramref name="type"/>, or null when it can.</summary>
    private static string? Unbindable(ITypeSymbol type, bool reading)
    {
        if (type.TypeKind == TypeKind.Error)
        {
            return null; // the compiler reports it; the method is rejected elsewhere
        }

        if (type.TypeKind == TypeKind.Delegate)
        {
            return "a delegate is code, not data";
        }

        if (type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer || type.IsRefLikeType)
        {
            return "pointers and ref structs cannot be serialized";
        }

        var name = type.ToDisplayString();
        if (name is "System.Type" or "System.IntPtr" or "System.UIntPtr" or "nint" or "nuint" or "System.Reflection.MethodInfo")
        {
            return "System.Text.Json does not serialize it";
        }

        if (type is INamedTypeSymbol { ContainingNamespace: { } ns } named && ns.ToDisplayString() == "System.Threading.Tasks" &&
            named.Name is "Task" or "ValueTask")
        {
            return reading ? "a task cannot come from job input" : "a task nested in a task is not awaited";
        }

        if (reading && (type.TypeKind == TypeKind.Interface || type.IsAbstract) && type.SpecialType != SpecialType.System_Object &&
            !IsCollectionInterface(type) && !HasJsonOwnHandling(type))
        {
            return "JSON input cannot create an abstract type or an interface; take a concrete type, or mark it [JsonPolymorphic] with [JsonDerivedType]s";
        }

        return null;
    }

    private static ITypeSymbol? ResultType(ITypeSymbol returnType)
    {
        if (returnType.SpecialType == SpecialType.System_Void)
        {
            return null;
        }

        if (returnType is INamedTypeSymbol named && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks")
        {
            return named.MetadataName switch
            {
                "Task" or "ValueTask" => null,
                "Task`1" or "ValueTask`1" => named.TypeArguments[0],
                _ => returnType,
            };
        }

        return returnType;
    }

    private static bool IsCollectionInterface(ITypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Interface || type.ContainingNamespace is null)
        {
            return false;
        }

        var ns = type.ContainingNamespace.ToDisplayString();
        return (ns == "System.Collections.Generic" && type.Name is "IEnumerable" or "ICollection" or "IList" or "IReadOnlyCollection"
                   or "IReadOnlyList" or "ISet" or "IReadOnlySet" or "IDictionary" or "IReadOnlyDictionary") ||
               (ns == "System.Collections" && type.Name is "IEnumerable" or "ICollection" or "IList" or "IDictionary");
    }

    private static bool HasJsonOwnHandling(ITypeSymbol type) =>
        type.GetAttributes().Any(a => a.AttributeClass?.Name is "JsonPolymorphicAttribute" or "JsonDerivedTypeAttribute" or "JsonConverterAttribute");

    /// <summary>
    /// Whether generated code can name the type: no error types, no unbound generics, no type parameters anywhere in
    /// it (half-typed code such as <c>ILogger&lt;&gt;</c> gives those).
    /// </summary>
    public static bool CanBeNamed(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error or TypeKind.TypeParameter } => false,
        IArrayTypeSymbol array => CanBeNamed(array.ElementType),
        INamedTypeSymbol { IsUnboundGenericType: true } => false,
        INamedTypeSymbol named => named.TypeArguments.All(CanBeNamed) && (named.ContainingType is null || CanBeNamed(named.ContainingType)),
        _ => true,
    };

    internal static bool IsCancellationToken(ITypeSymbol type) =>
        type.Name == "CancellationToken" && type.ContainingNamespace?.ToDisplayString() == "System.Threading";
}
