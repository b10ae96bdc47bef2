using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flash.Generators.Parsing;
using Flash.Manifest.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Flash.CodeFixes;

/// <summary>
/// Fixes an endpoint's volume attachments: removes a volume that shares a datacenter or is listed twice
/// (FLASH301, FLASH310), adds a volume's datacenter to the endpoint's datacenters (FLASH303), declares a volume
/// that is attached but declared nowhere (FLASH305).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(VolumeListFixes)), Shared]
public sealed class VolumeListFixes : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        RuleTable.For(ProblemId.VolumesShareDataCenter).Id,
        RuleTable.For(ProblemId.VolumeAttachedTwice).Id,
        RuleTable.For(ProblemId.VolumeOutsideEndpointDataCenters).Id,
        RuleTable.For(ProblemId.UnknownVolume).Id);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } node ||
                node.FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute)
            {
                continue;
            }

            var action = diagnostic.Id switch
            {
                "FLASH301" or "FLASH310" when diagnostic.Properties.TryGetValue(FixKeys.Volume, out var volume) && ListElement(node) is { } element =>
                    CodeAction.Create($"Remove volume '{volume}' from this endpoint", ct => RemoveElement(context.Document, element, ct), diagnostic.Id),
                "FLASH303" when diagnostic.Properties.TryGetValue(FixKeys.DataCenter, out var dataCenter) && dataCenter is not null =>
                    CodeAction.Create($"Add DataCenter.{dataCenter} to the endpoint's datacenters", ct => AddDataCenter(context.Document, attribute, dataCenter, ct), diagnostic.Id),
                "FLASH305" when diagnostic.Properties.TryGetValue(FixKeys.Volume, out var missing) && missing is not null =>
                    CodeAction.Create($"Declare network volume '{missing}'", ct => DeclareVolume(context.Document, missing, ct), diagnostic.Id),
                _ => null,
            };
            if (action is not null)
            {
                context.RegisterCodeFix(action, diagnostic);
            }
        }
    }

    /// <summary>The element of <c>[a, b]</c> or <c>new[] { a, b }</c> the diagnostic points at.</summary>
    private static SyntaxNode? ListElement(SyntaxNode node) =>
        node.AncestorsAndSelf().FirstOrDefault(n => n is ExpressionElementSyntax ||
                                                    (n is ExpressionSyntax && n.Parent is InitializerExpressionSyntax));

    private static async Task<Document> RemoveElement(Document document, SyntaxNode element, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var list = element.Parent;
        SyntaxNode? updated = (element, list) switch
        {
            (CollectionElementSyntax item, CollectionExpressionSyntax collection) => collection.WithElements(Without(collection.Elements, item)),
            (ExpressionSyntax item, InitializerExpressionSyntax initializer) => initializer.WithExpressions(Without(initializer.Expressions, item)),
            _ => null,
        };
        return root is null || list is null || updated is null ? document : document.WithSyntaxRoot(root.ReplaceNode(list, updated));
    }

    /// <summary>The list without <paramref name="item"/> and its separator; a removed last item hands on its trailing space.</summary>
    private static SeparatedSyntaxList<T> Without<T>(SeparatedSyntaxList<T> items, T item)
        where T : SyntaxNode
    {
        var wasLast = items.IndexOf(item) == items.Count - 1;
        var rest = items.Remove(item);
        return wasLast && rest.Count > 0 ? rest.Replace(rest[rest.Count - 1], rest[rest.Count - 1].WithTrailingTrivia(item.GetTrailingTrivia())) : rest;
    }

    private static async Task<Document> AddDataCenter(Document document, AttributeSyntax attribute, string dataCenter, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || attribute.ArgumentList is not { } arguments)
        {
            return document;
        }

        var added = DataCenterMember(dataCenter);
        var plural = arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == nameof(EndpointAttribute.DataCenters));
        var singular = arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == nameof(EndpointAttribute.DataCenter));
        AttributeArgumentListSyntax updated;
        if (plural?.Expression is CollectionExpressionSyntax collection)
        {
            updated = arguments.ReplaceNode(collection, collection.AddElements(SyntaxFactory.ExpressionElement(added)));
        }
        else if (plural?.Expression is ImplicitArrayCreationExpressionSyntax implicitArray)
        {
            updated = arguments.ReplaceNode(implicitArray.Initializer, implicitArray.Initializer.AddExpressions(added));
        }
        else if (plural?.Expression is ArrayCreationExpressionSyntax { Initializer: { } initializer })
        {
            updated = arguments.ReplaceNode(initializer, initializer.AddExpressions(added));
        }
        else if (singular is not null)
        {
            var list = SyntaxFactory.CollectionExpression(SyntaxFactory.SeparatedList<CollectionElementSyntax>(new[]
            {
                SyntaxFactory.ExpressionElement(singular.Expression.WithoutTrivia()),
                SyntaxFactory.ExpressionElement(added),
            }));
            updated = arguments.ReplaceNode(singular, SyntaxFactory.AttributeArgument(
                SyntaxFactory.NameEquals(nameof(EndpointAttribute.DataCenters)), null, list).WithTriviaFrom(singular));
        }
        else
        {
            return document;
        }

        return document.WithSyntaxRoot(root.ReplaceNode(arguments, updated));
    }

    private static async Task<Document> DeclareVolume(Document document, string name, CancellationToken cancellationToken)
    {
        if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not CompilationUnitSyntax root)
        {
            return document;
        }

        var declaration = SyntaxFactory.AttributeList(
                SyntaxFactory.AttributeTargetSpecifier(SyntaxFactory.Token(SyntaxKind.AssemblyKeyword)),
                SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(
                    (NameSyntax)SyntaxFactory.ParseName("global::Flash.NetworkVolume").WithAdditionalAnnotations(Simplifier.Annotation),
                    SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(
                        SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name))))))))
            .WithTrailingTrivia(EndOfLine(root));
        return document.WithSyntaxRoot(root.AddAttributeLists(declaration));
    }

    /// <summary>The document's own line ending (the first one it has), so the fix does not mix line endings.</summary>
    private static SyntaxTrivia EndOfLine(SyntaxNode root) =>
        root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { } first && first.IsKind(SyntaxKind.EndOfLineTrivia)
            ? first
            : SyntaxFactory.LineFeed;

    private static ExpressionSyntax DataCenterMember(string member) =>
        SyntaxFactory.ParseExpression("global::Flash.DataCenter." + member).WithAdditionalAnnotations(Simplifier.Annotation);
}
