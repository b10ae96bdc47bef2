using System.Collections.Generic;
using System.Collections.Immutable;
using Flash.Analyzers.Diagnostics;
using Flash.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flash.Analyzers;

/// <summary>
/// Reports what the shared client parser finds in [EndpointClient] interfaces: the problems for which the generator
/// leaves an interface unimplemented. Needs only Flash.Client, so it runs in apps that call endpoints and declare none.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ClientAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Descriptors.All;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(ClientParser.EndpointClientAttributeName) is not { } clientAttribute)
            {
                return;
            }

            start.RegisterSymbolAction(symbol => Analyze(symbol, clientAttribute), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol clientAttribute)
    {
        foreach (var attribute in context.Symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, clientAttribute) && context.Symbol is INamedTypeSymbol type)
            {
                var problems = new List<Problem>();
                ClientParser.Parse(type, new AttributeArguments(attribute, problems), context.CancellationToken);
                foreach (var problem in problems)
                {
                    context.ReportDiagnostic(Descriptors.Create(problem));
                }
            }
        }
    }
}
