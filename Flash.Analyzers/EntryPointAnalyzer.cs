using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Flash.Analyzers.Diagnostics;
using Flash.Generators.Model;
using Flash.Generators.Parsing;
using Flash.Manifest.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Flash.Analyzers;

/// <summary>
/// FLASH701: an executable that declares endpoints and has an entry point of its own (a <c>Program.cs</c> of
/// top-level statements, a <c>Main</c>), from which no call to <c>FlashWorker.RunAsync</c> can be reached. Flash generates
/// <c>Main</c> only when the app has none, so such an app builds, writes its manifest and never runs a job. Calls are
/// followed through the app's own methods, local functions and lambdas.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class EntryPointAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic property holding the namespace of the generated <c>FlashManifest</c>.</summary>
    public const string ManifestNamespaceKey = "Flash.ManifestNamespace";

    private const string WorkerType = "Flash.Workers.FlashWorker";
    private const string WorkerMethod = "RunAsync";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.For(ProblemId.EntryPointSkipsWorker));

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var compilation = start.Compilation;
            var endpointAttribute = compilation.GetTypeByMetadataName(EndpointParser.EndpointAttributeName);
            var worker = compilation.GetTypeByMetadataName(WorkerType);
            if (endpointAttribute is null || worker is null ||
                compilation.Options.OutputKind is not (OutputKind.ConsoleApplication or OutputKind.WindowsApplication))
            {
                return;
            }

            var app = new CallGraph(compilation.Assembly, worker);
            start.RegisterSymbolAction(
                symbol => app.NoteEndpoint(symbol.Symbol, endpointAttribute),
                SymbolKind.Method,
                SymbolKind.NamedType);
            start.RegisterOperationAction(operation => app.NoteCall(operation), OperationKind.Invocation, OperationKind.MethodReference);
            start.RegisterCompilationEndAction(end => app.Report(end));
        });
    }

    /// <summary>The calls between the app's methods, and which of them call the worker.</summary>
    private sealed class CallGraph(IAssemblySymbol assembly, INamedTypeSymbol worker)
    {
        private readonly ConcurrentDictionary<ISymbol, ConcurrentBag<IMethodSymbol>> _calls = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, bool> _callers = new(SymbolEqualityComparer.Default);
        private volatile bool _declaresEndpoints;

        public void NoteEndpoint(ISymbol symbol, INamedTypeSymbol endpointAttribute)
        {
            if (!_declaresEndpoints && symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, endpointAttribute)))
            {
                _declaresEndpoints = true;
            }
        }

        public void NoteCall(OperationAnalysisContext context)
        {
            var target = context.Operation switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IMethodReferenceOperation reference => reference.Method,
                _ => null,
            };
            if (target is null)
            {
                return;
            }

            if (target.Name == WorkerMethod && SymbolEqualityComparer.Default.Equals(target.ContainingType, worker))
            {
                _callers[context.ContainingSymbol] = true;
            }
            else if (SymbolEqualityComparer.Default.Equals(target.ContainingAssembly, assembly))
            {
                _calls.GetOrAdd(context.ContainingSymbol, _ => new ConcurrentBag<IMethodSymbol>()).Add(target.OriginalDefinition);
            }
        }

        public void Report(CompilationAnalysisContext context)
        {
            if (!_declaresEndpoints || context.Compilation.GetEntryPoint(context.CancellationToken) is not { } entry || IsGenerated(entry) || Reaches(entry))
            {
                return;
            }

            var topLevel = entry.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is CompilationUnitSyntax unit
                ? unit.Members.OfType<GlobalStatementSyntax>().FirstOrDefault()
                : null;
            var location = topLevel?.GetLocation() ?? entry.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;
            var name = topLevel is not null
                ? "the top-level statements of " + System.IO.Path.GetFileName(topLevel.SyntaxTree.FilePath)
                : $"'{entry.ContainingType?.Name}.{entry.Name}'";
            var manifestNamespace = Naming.Namespace(context.Compilation.AssemblyName ?? string.Empty);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.For(ProblemId.EntryPointSkipsWorker),
                location,
                ImmutableDictionary<string, string?>.Empty.Add(ManifestNamespaceKey, manifestNamespace),
                name,
                manifestNamespace));
        }

        /// <summary>Whether a call to the worker is reachable from <paramref name="entry"/> through the app's methods.</summary>
        private bool Reaches(IMethodSymbol entry)
        {
            var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { entry };
            var pending = new Stack<ISymbol>();
            pending.Push(entry);
            while (pending.Count > 0)
            {
                var method = pending.Pop();
                if (_callers.ContainsKey(method))
                {
                    return true;
                }

                if (_calls.TryGetValue(method, out var callees))
                {
                    foreach (var callee in callees)
                    {
                        if (seen.Add(callee))
                        {
                            pending.Push(callee);
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>The Main Flash generates (it calls the worker; generated code is not analyzed).</summary>
        private static bool IsGenerated(IMethodSymbol entry) =>
            entry.ContainingType?.GetAttributes().Any(a =>
                a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute" &&
                a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value as string == "Flash.Generators") == true;
    }
}
