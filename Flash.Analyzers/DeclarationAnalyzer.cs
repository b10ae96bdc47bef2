using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Flash.Analyzers.Diagnostics;
using Flash.Generators.Model;
using Flash.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flash.Analyzers;

/// <summary>
/// Reports every problem the shared parser finds in [Endpoint] and [NetworkVolume] declarations, and the rules that
/// span declarations (duplicate names, unknown volumes) once the whole compilation is seen.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.NotConstant,
        Descriptors.UndefinedEnumValue,
        Descriptors.BothSingularAndPlural,
        Descriptors.EmptyList,
        Descriptors.InvalidEndpointName,
        Descriptors.GpuAndCpu,
        Descriptors.InvalidEnvEntry,
        Descriptors.UnsupportedMethod,
        Descriptors.NoParameterlessConstructor,
        Descriptors.NoPublicMethods,
        Descriptors.RouteOnQueueFunction,
        Descriptors.VolumeWithoutNameOrId,
        Descriptors.DuplicateEndpointName,
        Descriptors.UnknownVolume);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var endpointAttribute = start.Compilation.GetTypeByMetadataName(EndpointParser.EndpointAttributeName);
            var volumeAttribute = start.Compilation.GetTypeByMetadataName(VolumeParser.NetworkVolumeAttributeName);
            if (endpointAttribute is null && volumeAttribute is null)
            {
                return;
            }

            var declared = new ConcurrentBag<DeclaredEndpoint>();
            start.RegisterSymbolAction(
                symbolContext => AnalyzeEndpoint(symbolContext, endpointAttribute, declared),
                SymbolKind.Method,
                SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end => AnalyzeApp(end, volumeAttribute, declared));
        });
    }

    private static void AnalyzeEndpoint(SymbolAnalysisContext context, INamedTypeSymbol? endpointAttribute, ConcurrentBag<DeclaredEndpoint> declared)
    {
        if (endpointAttribute is null)
        {
            return;
        }

        foreach (var attribute in context.Symbol.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, endpointAttribute))
            {
                continue;
            }

            var problems = new List<Problem>();
            var endpoint = EndpointParser.Parse(context.Symbol, attribute, problems, context.CancellationToken);
            foreach (var problem in problems)
            {
                context.ReportDiagnostic(Descriptors.Create(problem));
            }

            if (endpoint is not null)
            {
                declared.Add(new DeclaredEndpoint(endpoint, attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation()));
            }
        }
    }

    private static void AnalyzeApp(CompilationAnalysisContext context, INamedTypeSymbol? volumeAttribute, ConcurrentBag<DeclaredEndpoint> declared)
    {
        var problems = new List<Problem>();
        var volumes = new List<VolumeModel>();
        if (volumeAttribute is not null)
        {
            foreach (var attribute in context.Compilation.Assembly.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, volumeAttribute))
                {
                    volumes.Add(VolumeParser.Parse(attribute, problems));
                }
            }
        }

        var endpoints = declared
            .OrderBy(e => e.Location?.SourceTree?.FilePath, System.StringComparer.Ordinal)
            .ThenBy(e => e.Location?.SourceSpan.Start)
            .ToList();
        AppRules.Check(endpoints, volumes, problems);
        foreach (var problem in problems)
        {
            context.ReportDiagnostic(Descriptors.Create(problem));
        }
    }
}
