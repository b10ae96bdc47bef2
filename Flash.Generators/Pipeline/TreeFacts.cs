using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flash.Generators.Pipeline;

/// <summary>
/// What the generator needs to know about one syntax tree before binding anything, computed once per tree object by
/// a walk of its namespaces, types and members only (nothing inside a member is visited): the attribute names that
/// say whether the tree can declare an endpoint, the using aliases, whether the user wrote an entry point.
/// The tree's shape (<see cref="SameShape"/>) is computed only when a tree is compared with another version of itself.
/// </summary>
internal sealed class TreeFacts
{
    private static readonly ConditionalWeakTable<SyntaxTree, TreeFacts> Cache = new();

    private Shape? _shape;

    private TreeFacts(bool hasUserEntryPoint, ImmutableArray<string> attributeNames, ImmutableArray<string> aliases)
    {
        HasUserEntryPoint = hasUserEntryPoint;
        AttributeNames = attributeNames;
        Aliases = aliases;
    }

    /// <summary>Top-level statements, or a static method named Main.</summary>
    public bool HasUserEntryPoint { get; }

    /// <summary>The simple names of the attributes on method and class declarations (Endpoint, Get, Test…).</summary>
    public ImmutableArray<string> AttributeNames { get; }

    /// <summary>The names of the using aliases the tree declares: an alias can name the [Endpoint] attribute.</summary>
    public ImmutableArray<string> Aliases { get; }

    public static TreeFacts Of(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (!Cache.TryGetValue(tree, out var facts))
        {
            var walk = new DeclarationWalker(null);
            walk.Visit(tree.GetRoot(cancellationToken), cancellationToken);
            var computed = new TreeFacts(walk.HasUserEntryPoint, walk.AttributeNames.ToImmutableArray(), walk.Aliases.ToImmutableArray());
            facts = Cache.GetValue(tree, _ => computed);
        }

        return facts;
    }

    /// <summary>
    /// Whether two trees declare the same things: the same object, or the same shape, a 128-bit hash of every token
    /// outside member bodies and of every directive. Binding the declarations of trees of the same shape gives the same
    /// result; an edit inside a method body keeps the shape, an edit anywhere else changes it.
    /// </summary>
    public static bool SameShape(SyntaxTree left, SyntaxTree right, CancellationToken cancellationToken) =>
        ReferenceEquals(left, right) ||
        Of(left, cancellationToken).ShapeOf(left, cancellationToken).Equals(Of(right, cancellationToken).ShapeOf(right, cancellationToken));

    /// <summary>The method and class declarations carrying an attribute of one of <paramref name="names"/>, in document order.</summary>
    public static List<MemberDeclarationSyntax> Declarations(SyntaxNode root, ICollection<string> names, CancellationToken cancellationToken)
    {
        var walk = new DeclarationWalker(names);
        walk.Visit(root, cancellationToken);
        return walk.Candidates;
    }

    // Computed at most once per tree; a race computes the same value twice.
    private Shape ShapeOf(SyntaxTree tree, CancellationToken cancellationToken) => _shape ??= ComputeShape(tree, cancellationToken);

    private static Shape ComputeShape(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var hash = new ShapeHash();
        if (tree.Options is CSharpParseOptions options)
        {
            hash.Add((int)options.LanguageVersion);
            hash.Add((int)options.Kind);
        }

        hash.Add(tree.FilePath);
        var root = tree.GetRoot(cancellationToken);
        ShapeWalker.Visit(hash, root, cancellationToken);

        // Directives change what the declarations mean (#nullable, #if) wherever they stand, bodies included.
        for (var directive = root.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
        {
            hash.Add(directive.ToString());
        }

        return new Shape(hash.Value1, hash.Value2);
    }

    private sealed record Shape(ulong Value1, ulong Value2);

    /// <summary>
    /// Visits namespaces, types and their members' headers, never what is inside a member: collects attribute names,
    /// aliases and entry points, and the declarations carrying one of the candidate names.
    /// </summary>
    private sealed class DeclarationWalker(ICollection<string>? candidateNames)
    {
        public bool HasUserEntryPoint { get; private set; }

        public HashSet<string> AttributeNames { get; } = new(System.StringComparer.Ordinal);

        public List<string> Aliases { get; } = [];

        public List<MemberDeclarationSyntax> Candidates { get; } = [];

        // An explicit stack: half-typed code can nest namespaces and types deeper than the call stack allows.
        public void Visit(SyntaxNode root, CancellationToken cancellationToken)
        {
            var stack = new Stack<SyntaxNode>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                switch (stack.Pop())
                {
                    case CompilationUnitSyntax unit:
                        Usings(unit.Usings);
                        Push(stack, unit.Members);
                        break;
                    case BaseNamespaceDeclarationSyntax @namespace:
                        Usings(@namespace.Usings);
                        Push(stack, @namespace.Members);
                        break;
                    case ClassDeclarationSyntax @class:
                        cancellationToken.ThrowIfCancellationRequested();
                        Attributes(@class, @class.AttributeLists);
                        Push(stack, @class.Members);
                        break;
                    case TypeDeclarationSyntax type:
                        Push(stack, type.Members);
                        break;
                    case MethodDeclarationSyntax method:
                        HasUserEntryPoint |= method.Identifier.ValueText == "Main" && method.Modifiers.Any(SyntaxKind.StaticKeyword);
                        Attributes(method, method.AttributeLists);
                        break;
                    case GlobalStatementSyntax:
                        HasUserEntryPoint = true;
                        break;
                }
            }
        }

        private static void Push(Stack<SyntaxNode> stack, SyntaxList<MemberDeclarationSyntax> members)
        {
            for (var i = members.Count - 1; i >= 0; i--)
            {
                stack.Push(members[i]);
            }
        }

        private void Usings(SyntaxList<UsingDirectiveSyntax> usings)
        {
            foreach (var @using in usings)
            {
                if (@using.Alias is { } alias)
                {
                    Aliases.Add(alias.Name.Identifier.ValueText);
                }
            }
        }

        private void Attributes(MemberDeclarationSyntax declaration, SyntaxList<AttributeListSyntax> lists)
        {
            foreach (var list in lists)
            {
                foreach (var attribute in list.Attributes)
                {
                    var name = SimpleName(attribute.Name);
                    AttributeNames.Add(name);
                    if (candidateNames?.Contains(name) == true)
                    {
                        Candidates.Add(declaration);
                        return;
                    }
                }
            }
        }

        private static string SimpleName(NameSyntax name) => name switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            _ => string.Empty,
        };
    }

    /// <summary>Hashes every token outside member bodies, and the kind of each body it skips.</summary>
    private static class ShapeWalker
    {
        // An explicit stack: initializers and attribute arguments can nest deeper than the call stack allows.
        public static void Visit(ShapeHash hash, SyntaxNode root, CancellationToken cancellationToken)
        {
            var stack = new Stack<SyntaxNodeOrToken>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var item = stack.Pop();
                if (item.IsToken)
                {
                    hash.Add(item.RawKind);
                    hash.Add(item.AsToken().Text);
                    continue;
                }

                var node = item.AsNode()!;
                if (node is GlobalStatementSyntax || (node is BlockSyntax or ArrowExpressionClauseSyntax && IsBody(node)))
                {
                    hash.Add(node.RawKind);
                    continue;
                }

                if (node is MemberDeclarationSyntax)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var children = node.ChildNodesAndTokens();
                for (var i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push(children[i]);
                }
            }
        }

        private static bool IsBody(SyntaxNode node) => node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or
            BasePropertyDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;
    }

    /// <summary>Two independent 64-bit hashes (FNV-1a and a multiply-rotate mix): 128 bits, collisions out of reach.</summary>
    private sealed class ShapeHash
    {
        public ulong Value1 { get; private set; } = 14695981039346656037ul;

        public ulong Value2 { get; private set; } = 0x9E3779B97F4A7C15ul;

        public void Add(int value)
        {
            Mix(unchecked((uint)value));
            Mix(0xFFFF_FFFFu);
        }

        public void Add(string text)
        {
            foreach (var c in text)
            {
                Mix(c);
            }

            Mix(0xFFFF_FFFEu); // a separator, so "ab" + "c" and "a" + "bc" differ
        }

        private void Mix(uint value)
        {
            unchecked
            {
                Value1 = (Value1 ^ value) * 1099511628211ul;
                var mixed = (Value2 ^ (value * 0xC2B2AE3D27D4EB4Ful)) * 0x165667B19E3779F9ul;
                Value2 = (mixed << 31) | (mixed >> 33);
            }
        }
    }
}
