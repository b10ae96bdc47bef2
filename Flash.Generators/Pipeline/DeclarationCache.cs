using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Flash.Generators.Model;
using Flash.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flash.Generators.Pipeline;

/// <summary>
/// Parses the [Endpoint] and [NetworkVolume] declarations of a compilation, and reuses that result for every later
/// compilation whose declarations are the same: each tree the same object or of the same shape
/// (<see cref="TreeFacts.SameShape"/>), the same references and options. Binding is what parsing costs, and Roslyn
/// binds every compilation anew, so without this an edit inside any method body would bind every endpoint of the app
/// again; with it, such an edit costs a reference comparison per tree and the shapes of the one edited tree's two
/// versions. The result is a function of the key alone, so a reused result is the one parsing would give.
/// </summary>
internal sealed class DeclarationCache
{
    // The IDE's latest compilation and a fork of it, for a few projects: one generator instance serves them all.
    private const int Capacity = 8;

    private static readonly ConditionalWeakTable<object, StrongBox<long>> Identities = new();
    private static long _lastIdentity;

    private readonly List<(Key Key, Declarations Value)> _entries = [];

    /// <summary>How many compilations were parsed rather than reused.</summary>
    public int Parses { get; private set; }

    public Declarations Read(Compilation compilation, CancellationToken cancellationToken)
    {
        var key = new Key(compilation);
        (Key Key, Declarations Value)[] entries;
        lock (_entries)
        {
            entries = _entries.ToArray();
        }

        foreach (var entry in entries)
        {
            if (entry.Key.Matches(key, cancellationToken))
            {
                lock (_entries)
                {
                    var found = _entries.FindIndex(e => ReferenceEquals(e.Key, entry.Key));
                    if (found > 0)
                    {
                        _entries.RemoveAt(found);
                        _entries.Insert(0, entry);
                    }
                }

                return entry.Value;
            }
        }

        var trees = key.Trees;
        var facts = new TreeFacts[trees.Count];
        for (var i = 0; i < trees.Count; i++)
        {
            facts[i] = TreeFacts.Of(trees[i], cancellationToken);
        }

        var value = Parse(compilation, trees, facts, cancellationToken);
        lock (_entries)
        {
            Parses++;
            _entries.Insert(0, (key, value));
            if (_entries.Count > Capacity)
            {
                _entries.RemoveAt(_entries.Count - 1);
            }
        }

        return value;
    }

    private static Declarations Parse(Compilation compilation, IReadOnlyList<SyntaxTree> trees, TreeFacts[] facts, CancellationToken cancellationToken)
    {
        // Bound first on purpose: until the assembly and module attributes are bound, the compiler's check of every
        // parameter type for [Obsolete] scans the attribute lists of all trees, which made parsing quadratic in size.
        var assemblyAttributes = compilation.Assembly.GetAttributes();
        compilation.SourceModule.GetAttributes();

        // The attribute's own names, and every alias, since any alias may name it.
        var names = new HashSet<string>(System.StringComparer.Ordinal) { "Endpoint", nameof(EndpointAttribute) };
        foreach (var fact in facts)
        {
            names.UnionWith(fact.Aliases);
        }

        var files = new List<List<EndpointModel>>();
        for (var i = 0; i < trees.Count; i++)
        {
            if (!facts[i].AttributeNames.Any(names.Contains))
            {
                continue;
            }

            var tree = trees[i];
            var model = compilation.GetSemanticModel(tree);
            var endpoints = new List<EndpointModel>();
            foreach (var declaration in TreeFacts.Declarations(tree.GetRoot(cancellationToken), names, cancellationToken))
            {
                if (model.GetDeclaredSymbol(declaration, cancellationToken) is { } symbol &&
                    EndpointAttributeOn(symbol, declaration) is { } attribute &&
                    EndpointParser.Parse(symbol, attribute, null, cancellationToken) is { } endpoint)
                {
                    endpoints.Add(endpoint);
                }
            }

            if (endpoints.Count > 0)
            {
                files.Add(endpoints);
            }
        }

        var volumes = assemblyAttributes
            .Where(a => IsFlashAttribute(a, nameof(NetworkVolumeAttribute)))
            .Select(a => VolumeParser.Parse(a, null));
        return new Declarations(
            new EquatableArray<EquatableArray<EndpointModel>>(WithoutDuplicateShims(files).Select(f => new EquatableArray<EndpointModel>(f))),
            new EquatableArray<VolumeModel>(volumes),
            facts.Any(f => f.HasUserEntryPoint));
    }

    /// <summary>
    /// The endpoints, with those that would get a shim class another endpoint also gets marked invalid: one symbol
    /// declared twice (a pasted class or method, a compiler error) gives two equal shims, and two sources with one hint
    /// name would make the generator fail. Neither is generated; the compiler reports the duplicate.
    /// </summary>
    private static IEnumerable<List<EndpointModel>> WithoutDuplicateShims(List<List<EndpointModel>> files)
    {
        var duplicates = ShimModel.Duplicates(files.SelectMany(f => f).Where(e => e.IsValid && e.Functions.Count > 0).Select(ShimModel.ClassNameOf));
        return duplicates.IsEmpty
            ? files
            : files.Select(f => f.Select(e => e.IsValid && duplicates.Contains(ShimModel.ClassNameOf(e)) ? e with { IsValid = false } : e).ToList());
    }

    // The one [Endpoint] written on this declaration (a partial class's other parts have their own).
    private static AttributeData? EndpointAttributeOn(ISymbol symbol, MemberDeclarationSyntax declaration)
    {
        AttributeData? found = null;
        foreach (var attribute in symbol.GetAttributes())
        {
            if (IsFlashAttribute(attribute, nameof(EndpointAttribute)) && attribute.ApplicationSyntaxReference is { } reference &&
                reference.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(reference.Span))
            {
                if (found is not null)
                {
                    return null;
                }

                found = attribute;
            }
        }

        return found;
    }

    private static bool IsFlashAttribute(AttributeData attribute, string name) =>
        attribute.AttributeClass is { ContainingType: null } type && type.MetadataName == name &&
        type.ContainingNamespace is { Name: "Flash", ContainingNamespace.IsGlobalNamespace: true };

    private static long Identity(object value) =>
        Identities.GetValue(value, static _ => new StrongBox<long>(Interlocked.Increment(ref _lastIdentity))).Value;

    /// <summary>Everything declarations' binding depends on: the trees, each reference, the options.</summary>
    private sealed class Key(Compilation compilation)
    {
        private readonly string? _assemblyName = compilation.AssemblyName;
        private readonly long _options = Identity(compilation.Options);
        private readonly long[] _references = compilation.References.Select(Identity).ToArray();
        private readonly SyntaxTree[] _trees = compilation.SyntaxTrees.ToArray();

        /// <summary>The compilation's trees, in order.</summary>
        public IReadOnlyList<SyntaxTree> Trees => _trees;

        /// <summary>Whether binding <paramref name="other"/>'s declarations gives what binding this key's gave.</summary>
        public bool Matches(Key other, CancellationToken cancellationToken)
        {
            if (_trees.Length != other._trees.Length || _options != other._options || _assemblyName != other._assemblyName ||
                !_references.SequenceEqual(other._references))
            {
                return false;
            }

            for (var i = 0; i < _trees.Length; i++)
            {
                if (!TreeFacts.SameShape(_trees[i], other._trees[i], cancellationToken))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
