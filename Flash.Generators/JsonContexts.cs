using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Flash.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Flash.Generators;

/// <summary>
/// Finds the app's <c>JsonSerializerContext</c> classes (those with <c>[JsonSerializable]</c>). The generated registry
/// hands their <c>Default</c> instances to the worker runtime, so jobs are bound with source-generated metadata and the
/// app stays trimming and Native AOT safe without any registration call.
/// </summary>
internal static class JsonContexts
{
    public const string SerializableAttributeName = "System.Text.Json.Serialization.JsonSerializableAttribute";

    /// <summary>The fully qualified name of a context generated code can reach; null for anything else.</summary>
    public static string? Describe(ISymbol symbol)
    {
        if (symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false, IsGenericType: false } type || !DerivesFromContext(type))
        {
            return null;
        }

        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal) || t.IsGenericType)
            {
                return null;
            }
        }

        return type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
    }

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
