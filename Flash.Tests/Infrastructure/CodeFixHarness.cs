extern alias analyzers;

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using DeclarationAnalyzer = analyzers::Flash.Analyzers.DeclarationAnalyzer;

namespace Flash.Tests.Infrastructure;

/// <summary>Applies a code fix (or fix-all) in a workspace built from the same offline references as the other tests.</summary>
internal static class CodeFixHarness
{
    /// <summary>Applies the first fix offered for the first <paramref name="id"/> diagnostic; returns the new text.</summary>
    public static async Task<string> FixOnceAsync(CodeFixProvider provider, string source, string id)
    {
        var document = CreateDocument(source);
        var diagnostic = (await DiagnoseAsync(document)).First(d => d.Id == id);
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        Assert.That(actions, Is.Not.Empty, $"no fix offered for {id}");
        return await ApplyAsync(document, actions[0]);
    }

    /// <summary>Applies the provider's fix-all to every <paramref name="id"/> diagnostic in the document.</summary>
    public static async Task<string> FixAllAsync(CodeFixProvider provider, string source, string id)
    {
        var document = CreateDocument(source);
        var diagnostics = (await DiagnoseAsync(document)).Where(d => d.Id == id).ToImmutableArray();
        var fixAll = provider.GetFixAllProvider() ?? throw new AssertionException("the provider offers no fix-all");
        var context = new FixAllContext(document, provider, FixAllScope.Document, id, [id], new FixedDiagnostics(diagnostics), CancellationToken.None);
        var action = await fixAll.GetFixAsync(context) ?? throw new AssertionException("fix-all produced no action");
        return await ApplyAsync(document, action);
    }

    /// <summary>The Flash diagnostics of fixed text, to prove a fix leaves nothing behind.</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnoseAsync(string source) => await DiagnoseAsync(CreateDocument(source));

    private static Document CreateDocument(string source) =>
        CreateProject("App", OutputKind.DynamicallyLinkedLibrary, ("/src/App.cs", source)).Documents.Single();

    /// <summary>A project of the given documents (by path) in a new workspace, with the references the other tests compile against.</summary>
    public static Project CreateProject(string name, OutputKind kind, params (string Path, string Text)[] documents)
    {
        var project = new AdhocWorkspace().CurrentSolution
            .AddProject(name, name, LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable))
            .WithParseOptions(GeneratorHarness.ParseOptions)
            .AddMetadataReferences(Basic.Reference.Assemblies.Net100.References.All)
            .AddMetadataReference(MetadataReference.CreateFromFile(typeof(EndpointAttribute).Assembly.Location))
            .AddMetadataReference(MetadataReference.CreateFromFile(typeof(GetAttribute).Assembly.Location));
        foreach (var (path, text) in documents)
        {
            project = project.AddDocument(Path.GetFileName(path), SourceText.From(text), filePath: path).Project;
        }

        return project;
    }

    private static async Task<ImmutableArray<Diagnostic>> DiagnoseAsync(Document document)
    {
        var compilation = await document.Project.GetCompilationAsync() ?? throw new AssertionException("no compilation");
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.That(errors, Is.Empty, "the source does not compile");
        return await compilation.WithAnalyzers([new DeclarationAnalyzer()]).GetAnalyzerDiagnosticsAsync();
    }

    private static async Task<string> ApplyAsync(Document document, CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var changed = solution.GetDocument(document.Id)!;
        return (await changed.GetTextAsync()).ToString();
    }

    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>([]);
    }
}
