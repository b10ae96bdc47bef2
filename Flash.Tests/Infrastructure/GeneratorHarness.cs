extern alias generators;

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using FlashGenerator = generators::Flash.Generators.FlashGenerator;

namespace Flash.Tests.Infrastructure;

/// <summary>Builds compilations against .NET 10 reference assemblies and Flash.Runtime, offline, and runs the generator.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(EndpointAttribute).Assembly.Location),
        // The route attributes and the clients.
        MetadataReference.CreateFromFile(typeof(GetAttribute).Assembly.Location),
        // What the sample uses from the ASP.NET Core shared framework, which Flash.Runtime references.
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location),
        // FlashWorker.RunAsync's configure callback, for apps that write their own Main.
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Hosting.IHostApplicationBuilder).Assembly.Location),
    ];

    /// <summary>What an app that only calls endpoints references: .NET and Flash.Client, not the worker runtime.</summary>
    private static readonly ImmutableArray<MetadataReference> ClientOnlyReferences =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(GetAttribute).Assembly.Location),
    ];

    public static CSharpCompilation Compile(IEnumerable<(string Path, string Text)> sources, string assemblyName = "TestApp", OutputKind kind = OutputKind.DynamicallyLinkedLibrary, bool clientOnly = false) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            clientOnly ? ClientOnlyReferences : References,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));

    public static CSharpCompilation Compile(string source, string assemblyName = "TestApp", OutputKind kind = OutputKind.DynamicallyLinkedLibrary) =>
        Compile([("/src/App.cs", "using System;\nusing Flash;\nusing System.Threading;\nusing System.Threading.Tasks;\n" + source)], assemblyName, kind);

    /// <summary>The sample's sources as they are on disk.</summary>
    public static IEnumerable<(string Path, string Text)> SampleSources() =>
        Directory.GetFiles(RepoPaths.Sample, "*.cs")
            .Order(StringComparer.Ordinal)
            .Select(path => ("/samples/Quickstart/" + Path.GetFileName(path), File.ReadAllText(path)))
            .Append(("/samples/Quickstart/ImplicitUsings.cs", CompilerInputs.ImplicitUsings));

    /// <summary>
    /// A driver with the Flash generator (<paramref name="generator"/>, else a new one) first and, unless
    /// <paramref name="withJsonGenerator"/> is false, the System.Text.Json source generator after it, as in a real build
    /// (the sample's JsonSerializerContext needs it). <paramref name="buildProperties"/> are the MSBuild properties the
    /// generators see (CompilerVisibleProperty).
    /// </summary>
    public static GeneratorDriver CreateDriver(IReadOnlyDictionary<string, string>? buildProperties = null, bool withJsonGenerator = true, FlashGenerator? generator = null) =>
        CSharpGeneratorDriver.Create(
            withJsonGenerator ? [(generator ?? new FlashGenerator()).AsSourceGenerator(), JsonGenerator.Value] : [(generator ?? new FlashGenerator()).AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: new BuildProperties(buildProperties ?? new Dictionary<string, string>()),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    private static readonly Lazy<ISourceGenerator> JsonGenerator = new(LoadJsonGenerator);

    /// <summary>The System.Text.Json generator of the SDK's targeting pack for the running .NET version.</summary>
    private static ISourceGenerator LoadJsonGenerator()
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var pack = Directory.GetDirectories(Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref"), Environment.Version.Major + ".*")
            .OrderByDescending(d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version())
            .First();
        var assembly = System.Reflection.Assembly.LoadFrom(Path.Combine(pack, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll"));
        var generator = (IIncrementalGenerator)Activator.CreateInstance(assembly.GetType("System.Text.Json.SourceGeneration.JsonSourceGenerator", throwOnError: true)!)!;
        return generator.AsSourceGenerator();
    }

    /// <summary>Runs the generator; fails on any generator exception or on errors in the generated compilation.</summary>
    public static GeneratorRun Run(CSharpCompilation compilation, bool requireCleanCompilation = true, IReadOnlyDictionary<string, string>? buildProperties = null)
    {
        var driver = CreateDriver(buildProperties).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult();
        Assert.That(result.Results.Select(r => r.Exception).Where(e => e is not null), Is.Empty, "the generator threw");
        Assert.That(diagnostics, Is.Empty, "the generator reported diagnostics");
        if (requireCleanCompilation)
        {
            var errors = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            Assert.That(errors, Is.Empty, "the generated code does not compile cleanly:\n" + string.Join("\n", errors));
        }

        return new GeneratorRun(driver, result, (CSharpCompilation)output);
    }
}

/// <summary>One generator run: the driver (to run again), its results, and the compilation with the generated code.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, GeneratorDriverRunResult Result, CSharpCompilation Output)
{
    /// <summary>The Flash generator's sources (the first generator of the driver).</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Result.Results.Take(1).SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>The shim classes of the generated sources (the shim files hold several each), in order of appearance.</summary>
    public IReadOnlyList<string> ShimClasses => ShimClassesIn(Sources.Values);

    /// <summary>The shim classes <paramref name="sources"/> declare, in order of appearance.</summary>
    public static IReadOnlyList<string> ShimClassesIn(IEnumerable<string> sources) => sources
        .SelectMany(text => System.Text.RegularExpressions.Regex.Matches(text, @"^    internal static class (Shim_\w+)$", System.Text.RegularExpressions.RegexOptions.Multiline))
        .Select(match => match.Groups[1].Value)
        .ToList();

    /// <summary>The manifest JSON the generated code carries.</summary>
    public string ManifestJson
    {
        get
        {
            var tree = Output.SyntaxTrees.Single(t => t.FilePath.EndsWith("FlashManifest.g.cs", StringComparison.Ordinal));
            var declarator = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax>()
                .Single(v => v.Identifier.ValueText == "Json");
            return (string)Output.GetSemanticModel(tree).GetConstantValue(declarator.Initializer!.Value).Value!;
        }
    }
}
