using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Flash.Analyzers;
using Flash.Manifest.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flash.CodeFixes;

/// <summary>
/// FLASH701: hands the app to the Flash worker. Either deletes the entry point, so the generator writes Main (a
/// <c>Program.cs</c> left with nothing else goes), or, for top-level statements, ends them with the call to
/// <c>FlashWorker.RunAsync</c>, which keeps what the statements do before it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EntryPointFix)), Shared]
public sealed class EntryPointFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleTable.For(ProblemId.EntryPointSkipsWorker).Id);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan) is not { } node)
            {
                continue;
            }

            if (node.FirstAncestorOrSelf<GlobalStatementSyntax>() is not null && root is CompilationUnitSyntax unit)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Delete the top-level statements: Flash generates Main", _ => Task.FromResult(DeleteTopLevelStatements(context.Document, unit)), "DeleteEntryPoint"),
                    diagnostic);
                if (diagnostic.Properties.TryGetValue(EntryPointAnalyzer.ManifestNamespaceKey, out var manifestNamespace) && manifestNamespace is not null &&
                    !unit.Members.OfType<GlobalStatementSyntax>().Any(s => s.DescendantNodesAndSelf().OfType<ReturnStatementSyntax>().Any()))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("End the top-level statements by running the Flash worker", _ => Task.FromResult(AppendWorkerCall(context.Document, unit, manifestNamespace)), "CallWorker"),
                        diagnostic);
                }
            }
            else if (node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } main)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Delete {main.Identifier.ValueText}: Flash generates one", _ => Task.FromResult(DeleteMethod(context.Document, root!, main)), "DeleteEntryPoint"),
                    diagnostic);
            }
        }
    }

    private static Solution DeleteTopLevelStatements(Document document, CompilationUnitSyntax unit)
    {
        var remaining = unit.RemoveNodes(unit.Members.OfType<GlobalStatementSyntax>(), SyntaxRemoveOptions.KeepNoTrivia)!;

        // Nothing but usings and comments left: the file goes, as if the app never had a Program.cs.
        return remaining.Members.Count == 0 && remaining.AttributeLists.Count == 0
            ? document.Project.Solution.RemoveDocument(document.Id)
            : document.WithSyntaxRoot(remaining).Project.Solution;
    }

    private static Solution AppendWorkerCall(Document document, CompilationUnitSyntax unit, string manifestNamespace)
    {
        var call = SyntaxFactory.ParseStatement($"return await Flash.Workers.FlashWorker.RunAsync({manifestNamespace}.FlashManifest.Registry, args);")
            .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
        var last = unit.Members.OfType<GlobalStatementSyntax>().Last();
        var updated = unit.InsertNodesAfter(last, new[] { SyntaxFactory.GlobalStatement(call) });
        return document.WithSyntaxRoot(updated).Project.Solution;
    }

    private static Document DeleteMethod(Document document, SyntaxNode root, MethodDeclarationSyntax method) =>
        document.WithSyntaxRoot(root.RemoveNode(method, SyntaxRemoveOptions.KeepNoTrivia)!);
}
