using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Flash.Generators.Parsing;
using Flash.Manifest.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flash.CodeFixes;

/// <summary>
/// Writes the value the diagnostic proposes in place of the one at fault: a volume size clamped into 10..4096 GB
/// (FLASH302), a CPU container disk set to the instance limit (FLASH102), a route path prefixed with '/' (FLASH401).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceValueFix)), Shared]
public sealed class ReplaceValueFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        RuleTable.For(ProblemId.VolumeSizeOutOfRange).Id,
        RuleTable.For(ProblemId.CpuContainerDiskAboveLimit).Id,
        RuleTable.For(ProblemId.RoutePathWithoutSlash).Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan) is not { } node ||
                !diagnostic.Properties.TryGetValue(FixKeys.Value, out var value) || value is null ||
                ValueExpression(node) is not { } expression)
            {
                continue;
            }

            var replacement = diagnostic.Id == RuleTable.For(ProblemId.RoutePathWithoutSlash).Id
                ? SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value))
                : SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
            var title = diagnostic.Id switch
            {
                "FLASH302" => $"Set SizeGb to {value}",
                "FLASH102" => $"Set ContainerDiskInGb to {value}",
                _ => $"Use path \"{value}\"",
            };
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => Replace(context.Document, expression, replacement, ct), equivalenceKey: diagnostic.Id),
                diagnostic);
        }
    }

    private static ExpressionSyntax? ValueExpression(SyntaxNode node) => node switch
    {
        AttributeArgumentSyntax argument => argument.Expression,
        ExpressionSyntax expression => expression.FirstAncestorOrSelf<AttributeArgumentSyntax>()?.Expression ?? expression,
        _ => node.FirstAncestorOrSelf<AttributeArgumentSyntax>()?.Expression,
    };

    private static async Task<Document> Replace(Document document, ExpressionSyntax expression, ExpressionSyntax replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(expression, replacement.WithTriviaFrom(expression)));
    }
}
