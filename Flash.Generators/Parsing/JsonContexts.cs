using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Flash.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Flash.Generators.Parsing;

/// <summary>
/// Which of the app's <c>JsonSerializerContext</c> classes the worker binds jobs with, and what they list. The generated
/// registry hands the runtime an instance of each usable context, so jobs are bound with source-generated metadata and
/// the app stays trimming and Native AOT safe without any registration call; the Native AOT analyzer (FLASH504) counts
/// a type as listed only when a usable context lists it. One rule for both, so a type the analyzer accepts always
/// reaches the runtime.
/// </summary>
internal static class JsonContexts
{
    public const string SerializableAttributeName = "System.Text.Json.Serialization.JsonSerializableAttribute";

    /// <summary>
    /// Whether generated code can create the context: a non-abstract, non-generic class deriving from
    /// JsonSerializerContext, reachable from the assembly (it and every containing type public or internal).
    /// </summary>
    public static bool IsUsable(INamedTypeSymbol type)
    {
        if (type is not { TypeKind: TypeKind.Class, IsAbstract: false, IsGenericType: false } || !DerivesFromContext(type))
        {
            return false;
        }

        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal) || t.IsGenericType)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The fully qualified name of a usable context; null for anything else.</summary>
    public static string? Describe(ISymbol symbol) =>
        symbol is INamedTypeSymbol type && IsUsable(type) ? type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : null;

    /// <summary>The types a context lists with <c>[JsonSerializable(typeof(T))]</c>.</summary>
    public static IEnumerable<ITypeSymbol> ListedTypes(INamedTypeSymbol context) =>
        context.GetAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == SerializableAttributeName && a.ConstructorArguments.Length == 1)
            .Select(a => a.ConstructorArguments[0].Value)
            .OfType<ITypeSymbol>();

    public static EquatableArray<string> Order(ImmutableArray<string> names) =>
        new(names.Distinct().OrderBy(n => n, StringComparer.Ordinal));

    private static bool DerivesFromContext(INamedTypeSymbol type)
    {
        for (var b = type.BaseType; b is not null; b = b.BaseType)
        {
            if (b.Name == "JsonSerializerContext" && b.ContainingNamespace?.ToDisplayString() == "System.Text.Json.Serialization")
            {
                return true;
            }
        }

        return false;
    }
}
