extern alias generators;

using System.Collections.Immutable;
using System.Reflection;
using Flash.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using FlashGenerator = generators::Flash.Generators.FlashGenerator;

namespace Flash.Benchmarks;

/// <summary>Which generator an app is built for.</summary>
public enum Subject
{
    /// <summary>Flash: the Flash app and the Flash generator.</summary>
    Flash,

    /// <summary>The peer: the Azure Functions app and the Azure Functions worker SDK generators.</summary>
    Azure,
}

/// <summary>
/// The synthetic apps as compilations against .NET 10 reference assemblies, offline, parsed once per process and
/// size; and drivers for each generator, configured the way the build configures them.
/// </summary>
public static class Compilations
{
    /// <summary>The language version the SDK's compiler defaults to for net10.0.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp14);

    private static readonly Dictionary<(Subject, int), CSharpCompilation> Cache = [];

    // The Flash assemblies: the attributes, and the route attributes and the clients.
    private static readonly string[] FlashLibraries = [typeof(EndpointAttribute).Assembly.Location, typeof(GetAttribute).Assembly.Location];

    // The Azure Functions worker and its dependencies, as the worker SDK's build passes them to the compiler.
    private static readonly string[] AzureLibraries = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
        .Where(path => Path.GetFileName(path) is var name &&
                       (name.StartsWith("Microsoft.Azure.Functions.Worker", StringComparison.Ordinal) ||
                        name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) ||
                        name.StartsWith("Azure.Core", StringComparison.Ordinal)))
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>
    /// New reference objects for <paramref name="subject"/>'s app: a compilation over them finds no metadata symbol
    /// loaded or bound, as the compiler of a build starts (reference objects cache the symbols of every compilation
    /// that used them).
    /// </summary>
    private static ImmutableArray<MetadataReference> References(Subject subject) =>
    [
        .. Basic.Reference.Assemblies.Net100.ReferenceInfos.All.Select(r => MetadataReference.CreateFromImage(r.ImageBytes, filePath: r.FileName)),
        .. (subject == Subject.Flash ? FlashLibraries : AzureLibraries).Select(path => MetadataReference.CreateFromFile(path)),
    ];

    /// <summary>The properties the Azure Functions worker SDK (2.1.0) sets and makes visible to its generators.</summary>
    public static readonly IReadOnlyDictionary<string, string> AzureBuildProperties = new Dictionary<string, string>
    {
        ["FunctionsExecutionModel"] = "isolated",
        ["FunctionsEnableMetadataSourceGen"] = "true",
        ["FunctionsAutoRegisterGeneratedMetadataProvider"] = "true",
        ["FunctionsEnableExecutorSourceGen"] = "true",
        ["FunctionsAutoRegisterGeneratedFunctionsExecutor"] = "true",
        ["FunctionsGeneratedCodeNamespace"] = "App",
        ["TargetFrameworkIdentifier"] = ".NETCoreApp",
    };

    /// <summary>
    /// The app of <paramref name="subject"/> with <paramref name="n"/> endpoints; parsed once and shared while this
    /// size is measured (the apps of other sizes are let go, so the heap holds one size at a time).
    /// </summary>
    public static CSharpCompilation App(Subject subject, int n)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue((subject, n), out var compilation))
            {
                foreach (var key in Cache.Keys.Where(k => k.Item2 != n).ToList())
                {
                    Cache.Remove(key);
                }

                Cache[(subject, n)] = compilation = Create(subject, n);
            }

            return compilation;
        }
    }

    /// <summary>Lets go of every parsed app.</summary>
    public static void Clear()
    {
        lock (Cache)
        {
            Cache.Clear();
        }

        GC.Collect();
    }

    /// <summary>A fresh driver holding new instances of the generator(s) of <paramref name="subject"/>, as the compiler creates one.</summary>
    public static GeneratorDriver Driver(Subject subject, bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            subject == Subject.Flash ? [new FlashGenerator().AsSourceGenerator()] : AzureGenerators(),
            parseOptions: ParseOptions,
            optionsProvider: new BuildProperties(subject == Subject.Flash ? new Dictionary<string, string>() : AzureBuildProperties),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>
    /// The app of <paramref name="subject"/> as a build hands it to the generators: new syntax tree objects (the same
    /// parsed text, re-rooted, so no cache keyed by tree object is warm) and new reference objects (no metadata symbol
    /// loaded) in a new compilation that has bound nothing. The compiler's declaration table is built here, before
    /// timing: every generator's first look-up needs it, the build keeps it for the compilation after the generators,
    /// and none of them can make it cheaper.
    /// </summary>
    public static CSharpCompilation Fresh(Subject subject, int n) => Rerooted(subject, n, References(subject));

    /// <summary>
    /// As <see cref="Fresh"/>, but over the reference objects of every earlier run of this size: the metadata symbols
    /// those runs loaded and bound (the attribute types, System.Text.Json, the worker's types) are found ready, as in
    /// a long-lived process such as the IDE's or the compiler server's.
    /// </summary>
    public static CSharpCompilation WarmReferences(Subject subject, int n) => Rerooted(subject, n, App(subject, n).References);

    private static CSharpCompilation Rerooted(Subject subject, int n, IEnumerable<MetadataReference> references)
    {
        var app = App(subject, n);
        var trees = app.SyntaxTrees
            .Select(t => CSharpSyntaxTree.Create((CSharpSyntaxNode)t.GetRoot(), ParseOptions, t.FilePath))
            .ToList();
        var fresh = app.RemoveAllSyntaxTrees().WithReferences(references).AddSyntaxTrees(trees);
        fresh.ContainsSymbolsWithName(_ => false, SymbolFilter.All);
        return fresh;
    }

    /// <summary>
    /// The binding any generator reading these declarations pays before doing anything of its own: the assembly's
    /// attributes (the Flash app's network volumes; the Azure app has none), the declared symbol and the attributes of
    /// every attributed type and method in the endpoint files, and each such method's parameter types and attributes.
    /// Flash and the peer both ask the compiler for at least this much.
    /// </summary>
    public static int BindDeclarations(Compilation compilation)
    {
        // Assembly and module attributes first, as the Flash generator does: until they are bound, the compiler's check
        // of each parameter type for [Obsolete] scans the attribute lists of every tree, which is quadratic in the app.
        var bound = compilation.Assembly.GetAttributes().Length + compilation.SourceModule.GetAttributes().Length;
        foreach (var tree in compilation.SyntaxTrees.Where(t => t.FilePath.StartsWith("/app/Endpoints/", StringComparison.Ordinal)))
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var member in tree.GetRoot().DescendantNodes(n => n is not BaseMethodDeclarationSyntax).OfType<MemberDeclarationSyntax>())
            {
                if (member is not (BaseTypeDeclarationSyntax or MethodDeclarationSyntax) || member.AttributeLists.Count == 0 ||
                    model.GetDeclaredSymbol(member) is not { } symbol)
                {
                    continue;
                }

                bound += symbol.GetAttributes().Length;
                if (symbol is IMethodSymbol method)
                {
                    foreach (var parameter in method.Parameters)
                    {
                        bound += parameter.GetAttributes().Length + (parameter.Type.TypeKind == TypeKind.Error ? 0 : 1);
                    }
                }
            }
        }

        return bound;
    }

    /// <summary>The Flash app with the files the generator adds, as the compiler goes on to compile and analyze it.</summary>
    public static Compilation WithGenerated(int n)
    {
        Driver(Subject.Flash).RunGeneratorsAndUpdateCompilation(Fresh(Subject.Flash, n), out var compilation, out _);
        return compilation;
    }

    /// <summary>The syntax tree at <paramref name="path"/>.</summary>
    public static SyntaxTree Tree(Compilation compilation, string path) =>
        compilation.SyntaxTrees.Single(t => t.FilePath == "/app/" + path);

    private static CSharpCompilation Create(Subject subject, int n)
    {
        var files = subject == Subject.Flash ? SyntheticApp.Flash(n) : SyntheticApp.Azure(n);
        var trees = files
            .Append(new SourceFile("ImplicitUsings.g.cs", CompilerInputs.ImplicitUsings))
            .AsParallel()
            .AsOrdered()
            .Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, "/app/" + f.Path))
            .ToList();
        return CSharpCompilation.Create(
            "App",
            trees,
            References(subject),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    // Every [Generator] of the worker SDK generators assembly: the function metadata provider, the function executor
    // and the extension startup runner, as the SDK's build loads them.
    private static readonly Lazy<Type[]> AzureGeneratorTypes = new(() =>
        Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "peer", "Microsoft.Azure.Functions.Worker.Sdk.Generators.dll"))
            .GetTypes()
            .Where(t => !t.IsAbstract && t.GetCustomAttributes<GeneratorAttribute>().Any())
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToArray());

    // New instances each time, so nothing an earlier run kept in a generator object is found again.
    private static ISourceGenerator[] AzureGenerators() => AzureGeneratorTypes.Value
        .Select(t => Activator.CreateInstance(t) switch
        {
            IIncrementalGenerator incremental => incremental.AsSourceGenerator(),
            ISourceGenerator generator => generator,
            _ => throw new InvalidOperationException($"{t.FullName} is marked [Generator] but is no generator."),
        })
        .ToArray();

    /// <summary>The generator type names of the peer, for the report.</summary>
    public static IReadOnlyList<string> AzureGeneratorNames =>
        AzureGeneratorTypes.Value.Select(t => t.Name).ToList();
}
