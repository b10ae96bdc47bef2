using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flash.Generators.Pipeline;

/// <summary>
/// What the generator needs to know about one syntax tree before binding anything, computed once per tree object.
/// The shape is a 128-bit hash of every token outside member bodies and of every directive: two trees of the same
/// shape declare the same things, so binding their declarations (symbols, signatures, attribute values) gives the same
/// result. An edit inside a method body keeps the shape; an edit anywhere else changes it.
/// </summary>
internal sealed class TreeFacts
{
    private static readonly ConditionalWeakTable<SyntaxTree, TreeFacts> Cache = new();

    private TreeFacts(ulong shape1, ulong shape2, bool hasUserEntryPoint, ImmutableArray<string> attributeNames, ImmutableArray<string> aliases)
    {
        Shape1 = shape1;
        Shape2 = shape2;
        HasUserEntryPoint = hasUserEntryPoint;
        AttributeNames = attributeNames;
        Aliases = aliases;
    }

    public ulong Shape1 { get; }

    public ulong Shape2 { get; }

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
            var computed = Compute(tree, cancellationToken);
            facts = Cache.GetValue(tree, _ => computed);
        }

        return facts;
    }

    /// <summary>The method and class declarations carrying an attribute of one of <paramref name="names"/>, in document order.</summary>
    public static List<MemberDeclarationSyntax> Declarations(SyntaxNode root, ICollection<string> names, CancellationToken cancellationToken)
    {
        var walk = new Walker(null, names);
        walk.Visit(root, cancellationToken);
        return walk.Candidates;
    }

    private static TreeFacts Compute(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var hash = new ShapeHash();
        if (tree.Options is CSharpParseOptions options)
        {
            hash.Add((int)options.LanguageVersion);
            hash.Add((int)options.Kind);
        }

        hash.Add(tree.FilePath);
        var root = tree.GetRoot(cancellationToken);
        var walk = new Walker(hash, null);
        walk.Visit(root, cancellationToken);

        // Directives change what the declarations mean (#nullable, #if) wherever they stand, bodies included.
        for (var directive = root.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
        {
            hash.Add(directive.ToString());
        }

        return new TreeFacts(hash.Value1, hash.Value2, walk.HasUserEntryPoint, walk.AttributeNames.ToImmutableArray(), walk.Aliases.ToImmutableArray());
    }

    /// <summary>Visits declarations, never member bodies; hashes what it visits when given a hash.</summary>
    private sealed class Walker(ShapeHash? hash, ICollection<string>? candidateNames)
    {
        public bool HasUserEntryPoint { get; private set; }

        public HashSet<string> AttributeNames { get; } = new(System.StringComparer.Ordinal);

        public List<string> Aliases { get; } = [];

        public List<MemberDeclarationSyntax> Candidates { get; } = [];

        // An explicit stack: initializers and attribute arguments can nest deeper than the call stack allows.
        public void Visit(SyntaxNode root, CancellationToken cancellationToken)
        {
            var stack = new Stack<SyntaxNodeOrToken>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var item = stack.Pop();
                if (item.IsToken)
                {
                    hash?.Add(item.RawKind);
                    hash?.Add(item.AsToken().Text);
                    continue;
                }

                var node = item.AsNode()!;
                if (node is GlobalStatementSyntax || (node is BlockSyntax or ArrowExpressionClauseSyntax && IsBody(node)))
                {
                    HasUserEntryPoint |= node is GlobalStatementSyntax;
                    hash?.Add(node.RawKind);
                    continue;
                }

                switch (node)
                {
                    case MethodDeclarationSyntax method:
                        cancellationToken.ThrowIfCancellationRequested();
                        HasUserEntryPoint |= method.Identifier.ValueText == "Main" && method.Modifiers.Any(SyntaxKind.StaticKeyword);
                        Attributes(method, method.AttributeLists);
                        break;
                    case ClassDeclarationSyntax @class:
                        Attributes(@class, @class.AttributeLists);
                        break;
                    case UsingDirectiveSyntax { Alias: { } alias }:
                        Aliases.Add(alias.Name.Identifier.ValueText);
                        break;
                }

                var children = node.ChildNodesAndTokens();
                for (var i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push(children[i]);
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

        private static bool IsBody(SyntaxNode node) => node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or
            BasePropertyDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

        private static string SimpleName(NameSyntax name) => name switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            _ => string.Empty,
        };
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
