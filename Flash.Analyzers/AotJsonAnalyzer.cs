using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Flash.Analyzers.Diagnostics;
using Flash.Generators.Parsing;
using Flash.Manifest.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flash.Analyzers;

/// <summary>
/// Under Native AOT (PublishAot or IsAotCompatible), the worker binds job input and writes results only with
/// source-generated JSON metadata: each endpoint parameter and result type must be listed by a [JsonSerializable] of one
/// of the app's JsonSerializerContext classes, or by Flash's own context of common types (FlashPrimitivesContext).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AotJsonAnalyzer : DiagnosticAnalyzer
{
    private const string ContextType = "System.Text.Json.Serialization.JsonSerializerContext";
    private const string FlashPrimitives = "Flash.Workers.FlashPrimitivesContext";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.For(ProblemId.TypeNotInJsonContext));

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var options = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
            var endpointAttribute = start.Compilation.GetTypeByMetadataName(EndpointParser.EndpointAttributeName);
            var contextType = start.Compilation.GetTypeByMetadataName(ContextType);
            if (endpointAttribute is null || contextType is null || !(IsTrue(options, "PublishAot") || IsTrue(options, "IsAotCompatible")))
            {
                return;
            }

            var listed = ListedTypes(start.Compilation, start.CancellationToken);
            start.RegisterSymbolAction(symbol => AnalyzeEndpoint(symbol, endpointAttribute, listed), SymbolKind.Method, SymbolKind.NamedType);
        });
    }

    private static bool IsTrue(AnalyzerConfigOptions options, string property) =>
        options.TryGetValue("build_property." + property, out var value) && string.Equals(value?.Trim(), "true", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Every type that a context the worker binds with lists: the app's usable contexts (found and judged by
    /// <see cref="JsonContexts"/>, as the generator does) and Flash's primitives context.
    /// </summary>
    private static HashSet<ITypeSymbol> ListedTypes(Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        var listed = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var contexts = new List<INamedTypeSymbol>();
        if (compilation.GetTypeByMetadataName(FlashPrimitives) is { } primitives)
        {
            contexts.Add(primitives);
        }

        var stack = new Stack<INamespaceOrTypeSymbol>();
        stack.Push(compilation.Assembly.GlobalNamespace);
        while (stack.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in stack.Pop().GetMembers())
            {
                if (member is INamespaceOrTypeSymbol container)
                {
                    stack.Push(container);
                }

                if (member is INamedTypeSymbol type && JsonContexts.IsUsable(type))
                {
                    contexts.Add(type);
                }
            }
        }

        foreach (var context in contexts)
        {
            listed.UnionWith(JsonContexts.ListedTypes(context));
        }

        return listed;
    }

    private static void AnalyzeEndpoint(SymbolAnalysisContext context, INamedTypeSymbol endpointAttribute, HashSet<ITypeSymbol> listed)
    {
        var attribute = context.Symbol.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, endpointAttribute));
        if (attribute is null)
        {
            return;
        }

        var endpoint = EndpointParser.Parse(context.Symbol, attribute, null, context.CancellationToken);
        if (endpoint is null)
        {
            return;
        }

        var methods = context.Symbol is IMethodSymbol method
            ? new[] { method }
            : ((INamedTypeSymbol)context.Symbol).GetMembers().OfType<IMethodSymbol>()
                .Where(m => endpoint.Functions.Any(f => f.Name == m.Name) && m.DeclaredAccessibility == Accessibility.Public && m.MethodKind == MethodKind.Ordinary)
                .ToArray();
        foreach (var function in methods)
        {
            foreach (var parameter in function.Parameters.Where(p => !IsCancellationToken(p.Type)))
            {
                Check(context, listed, endpoint.Name, $"parameter '{parameter.Name}'", function, parameter.Type, parameter.Locations.FirstOrDefault());
            }

            if (ResultType(function.ReturnType) is { } result)
            {
                Check(context, listed, endpoint.Name, "result", function, result, function.Locations.FirstOrDefault());
            }
        }
    }

    private static void Check(SymbolAnalysisContext context, HashSet<ITypeSymbol> listed, string endpoint, string what, IMethodSymbol method, ITypeSymbol type, Location? location)
    {
        if (type.TypeKind == TypeKind.Error || listed.Contains(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)) || listed.Contains(type))
        {
            return;
        }

        var name = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString();
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.For(ProblemId.TypeNotInJsonContext), location ?? Location.None, endpoint, what, method.Name, name));
    }

    /// <summary>The type a job's result is written as: T of Task/ValueTask/IAsyncEnumerable, null for none.</summary>
    private static ITypeSymbol? ResultType(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Void)
        {
            return null;
        }

        if (type is INamedTypeSymbol named && named.ContainingNamespace?.ToDisplayString() is "System.Threading.Tasks" or "System.Collections.Generic")
        {
            return named.MetadataName switch
            {
                "Task" or "ValueTask" when named.ContainingNamespace.ToDisplayString() == "System.Threading.Tasks" => null,
                "Task`1" or "ValueTask`1" or "IAsyncEnumerable`1" => named.TypeArguments[0],
                _ => type,
            };
        }

        return type;
    }

    private static bool IsCancellationToken(ITypeSymbol type) =>
        type.Name == "CancellationToken" && type.ContainingNamespace?.ToDisplayString() == "System.Threading";
}
