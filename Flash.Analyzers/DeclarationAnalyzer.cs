using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Flash.Analyzers.Diagnostics;
using Flash.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flash.Analyzers;

/// <summary>
/// Reports every problem the shared parser and rules find in [Endpoint] and [NetworkVolume] declarations. Volumes are
/// read once per compilation; each endpoint is checked with them as its symbol is analyzed, so the squiggles appear
/// while typing. Only the rules that need every endpoint (duplicate names, unattached volumes) wait for the end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeclarationAnalyzer : DiagnosticAnalyzer
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
            var endpointAttribute = start.Compilation.GetTypeByMetadataName(EndpointParser.EndpointAttributeName);
            var volumeAttribute = start.Compilation.GetTypeByMetadataName(VolumeParser.NetworkVolumeAttributeName);
            if (endpointAttribute is null || volumeAttribute is null)
            {
                return;
            }

            var app = new AppState(ReadVolumes(start.Compilation, volumeAttribute, start.CancellationToken));
            start.RegisterSemanticModelAction(model => app.ReportVolumeProblems(model));
            start.RegisterSymbolAction(symbol => app.AnalyzeEndpoint(symbol, endpointAttribute), SymbolKind.Method, SymbolKind.NamedType);
            start.RegisterCompilationEndAction(app.AnalyzeApp);
        });
    }

    private static List<DeclaredVolume> ReadVolumes(Compilation compilation, INamedTypeSymbol volumeAttribute, System.Threading.CancellationToken cancellationToken)
    {
        var volumes = new List<DeclaredVolume>();
        foreach (var attribute in compilation.Assembly.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, volumeAttribute))
            {
                var arguments = new AttributeArguments(attribute, new List<Problem>());
                volumes.Add(new DeclaredVolume(VolumeParser.Parse(arguments), arguments));
            }
        }

        return volumes;
    }

    /// <summary>What one compilation's analysis shares between its actions.</summary>
    private sealed class AppState
    {
        private readonly List<DeclaredVolume> _volumes;
        private readonly VolumeIndex _index;
        private readonly ILookup<SyntaxTree?, Problem> _volumeProblems;
        private readonly ConcurrentBag<DeclaredEndpoint> _endpoints = new();

        public AppState(List<DeclaredVolume> volumes)
        {
            _volumes = volumes;
            _index = new VolumeIndex(volumes.Select(v => v.Volume));
            var problems = volumes.SelectMany(v => v.Arguments.Problems).ToList();
            AppRules.CheckVolumes(volumes, problems);
            _volumeProblems = problems.ToLookup(p => p.Location?.SourceTree);
        }

        public void ReportVolumeProblems(SemanticModelAnalysisContext context)
        {
            foreach (var problem in _volumeProblems[context.SemanticModel.SyntaxTree])
            {
                context.ReportDiagnostic(Descriptors.Create(problem));
            }
        }

        public void AnalyzeEndpoint(SymbolAnalysisContext context, INamedTypeSymbol endpointAttribute)
        {
            foreach (var attribute in context.Symbol.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, endpointAttribute))
                {
                    continue;
                }

                var problems = new List<Problem>();
                var arguments = new AttributeArguments(attribute, problems);
                var endpoint = EndpointParser.Parse(context.Symbol, arguments, context.CancellationToken);
                if (endpoint is not null)
                {
                    var declared = new DeclaredEndpoint(endpoint, arguments);
                    AttachmentRules.Check(declared, _index, problems);
                    _endpoints.Add(declared);
                }

                foreach (var problem in problems)
                {
                    context.ReportDiagnostic(Descriptors.Create(problem));
                }
            }
        }

        public void AnalyzeApp(CompilationAnalysisContext context)
        {
            var problems = new List<Problem>();
            var endpoints = _endpoints
                .OrderBy(e => e.Arguments.Location?.SourceTree?.FilePath, System.StringComparer.Ordinal)
                .ThenBy(e => e.Arguments.Location?.SourceSpan.Start)
                .ToList();
            AppRules.CheckApp(endpoints, _volumes, problems);
            foreach (var problem in problems)
            {
                context.ReportDiagnostic(Descriptors.Create(problem));
            }
        }
    }
}
