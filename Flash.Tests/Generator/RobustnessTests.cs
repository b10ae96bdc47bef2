extern alias analyzers;

using Flash.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using ClientAnalyzer = analyzers::Flash.Analyzers.ClientAnalyzer;
using DeclarationAnalyzer = analyzers::Flash.Analyzers.DeclarationAnalyzer;

namespace Flash.Tests.Generator;

/// <summary>
/// Half-typed and wrong code: over thousands of mutations of valid declaration files, the generator and the analyzer
/// never throw (no CS8785, no AD0001), and the generated code itself has no errors (valid C# or nothing).
/// </summary>
public sealed class RobustnessTests
{
    /// <summary>A declaration file that uses every kind of declaration and most settings.</summary>
    private const string KitchenSink = """
        using Flash;
        using System.Threading;
        using System.Threading.Tasks;

        [assembly: NetworkVolume("models-us", SizeGb = 100, DataCenter = DataCenter.UsCa2)]
        [assembly: NetworkVolume(Id = "vol-1", DataCenter = DataCenter.EuRo1)]

        namespace Sink;

        public static class Jobs
        {
            [Endpoint("cpu", Cpus = [CpuInstanceType.Cpu3c_2_4, CpuInstanceType.Cpu5c_1_2], ContainerDiskInGb = 10, Env = ["A=1", "B=2"], Volume = "vol-1")]
            public static int Cpu(int x, string note = "n") => x;

            [Endpoint("gpu", Gpus = new[] { GpuType.NvidiaL4 }, GpuGroup = GpuGroup.Ampere80, WorkersMin = 1, WorkersMax = 3, IdleTimeoutSeconds = 30,
                      ExecutionTimeoutMs = 1000, GpuCount = 2, FlashBoot = false, ScalerType = ScalerType.QueueDelay, ScalerValue = 2,
                      MinCudaVersion = CudaVersion.Cuda12_4, MaxConcurrency = 2, Image = "img", DockerArgs = "a", StartScript = "s",
                      ContainerRegistryAuthId = "r", DataCenters = [DataCenter.UsCa2, DataCenter.EuRo1], Volumes = ["models-us", "vol-1"])]
            public static async Task<string> Gpu(string prompt, CancellationToken ct) { await Task.Yield(); return prompt; }
        }

        [Endpoint("api", Gpu = GpuType.NvidiaGeForceRtx4090, ScalerType = ScalerType.RequestCount)]
        public sealed class Api
        {
            [Get("/items/{id}")] public int Item(int id) => id;
            [Post("/items")] public ValueTask Add(string name) => default;
        }

        [Endpoint]
        public sealed class Calculator
        {
            public int Square(int x) => x * x;
        }
        """;

    /// <summary>A load-balanced endpoint whose routes use parameters, constraints, defaults and catch-alls.</summary>
    private const string Routes = """
        using Flash;
        using System;
        using System.Threading;

        namespace Sink;

        [Endpoint("routes")]
        public sealed class Routes
        {
            [Get("/items/{id:int}/{slug:length(1,20)}")] public int Item(int id, string slug) => id;
            [Put("/files/{**path}")] public string Save(string path, CancellationToken ct) => path;
            [Delete("/v{version:min(1)}/{when:datetime?}")] public int Old(int version, DateTime? when) => version;
            [Patch("/{lang=en}/{name}.{ext?}")] public string Doc(string lang, string name, string? ext) => name;
        }
        """;

    /// <summary>Client interfaces of every shape, in an app that declares no endpoint.</summary>
    private const string Clients = """
        using Flash;
        using Flash.Client;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Caller;

        [EndpointClient("queue")]
        public interface IQueue
        {
            Task<string> RunAsync(string text, int count = 1, CancellationToken cancellationToken = default);
            ValueTask<int> CountAsync(string text);
            Task PingAsync();
            Task<FlashJob<string>> StartAsync(string text);
            IAsyncEnumerable<string> WordsAsync(string text, CancellationToken cancellationToken);
            [EndpointMethod("Square")] Task<int> SquareAsync(int x);
        }

        [EndpointClient(Id = "abc123")]
        internal interface IRoutes
        {
            [Get("/items/{id:int}/{slug}")] Task<int> ItemAsync(int id, string slug, CancellationToken cancellationToken = default);
            [Post("/items")] Task AddAsync(string name, int size);
            [Delete("/files/{**path}")] ValueTask DeleteAsync(string path);
        }
        """;

    private static readonly string[] Replacements =
        ["\"x\"", "1", "-1", "null", "true", "new[] { 1 }", "[]", "default", "GpuType.NvidiaL4", "(GpuType)999", "DataCenter.UsGa2", "typeof(int)", "nameof(Jobs)", "1 +"];

    private static IEnumerable<TestCaseData> Corpora()
    {
        yield return new TestCaseData("kitchen sink", KitchenSink).SetName("Mutations_of_the_kitchen_sink");
        yield return new TestCaseData("routes", Routes).SetName("Mutations_of_the_routes");
        yield return new TestCaseData("clients", Clients).SetName("Mutations_of_the_client_interfaces");
        // Every sample file with attributes to mutate (not the implicit usings, nor the plain records of Contracts.cs).
        foreach (var (path, text) in GeneratorHarness.SampleSources().Where(s => !s.Path.EndsWith("ImplicitUsings.cs", StringComparison.Ordinal) && s.Text.Contains('[')))
        {
            yield return new TestCaseData(Path.GetFileName(path), text).SetName("Mutations_of_" + Path.GetFileNameWithoutExtension(path));
        }
    }

    [TestCaseSource(nameof(Corpora))]
    public async Task Generator_and_analyzer_survive_every_mutation(string name, string source)
    {
        var mutations = Mutations(source).Distinct().ToList();
        var driver = GeneratorHarness.CreateDriver(withJsonGenerator: false);
        foreach (var (kind, text) in mutations)
        {
            var compilation = GeneratorHarness.Compile([("/src/Mutated.cs", text), .. ImplicitUsingsOnly()], "Mutated", OutputKind.ConsoleApplication);

            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
            var result = driver.GetRunResult().Results.Single();
            Assert.That(result.Exception, Is.Null, $"generator threw on {kind}:\n{text}");
            Assert.That(generatorDiagnostics.Where(d => d.Id == "CS8785"), Is.Empty, $"{kind}:\n{text}");
            var generatedErrors = result.GeneratedSources
                .Select(s => output.SyntaxTrees.Single(t => t.FilePath.EndsWith(s.HintName, StringComparison.Ordinal)))
                .SelectMany(tree => output.GetSemanticModel(tree).GetDiagnostics())
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .ToList();
            Assert.That(generatedErrors, Is.Empty, $"generated code has errors on {kind}:\n{text}\n{string.Join("\n", generatedErrors)}");

            var exceptions = new List<Exception>();
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), (exception, _, _) => exceptions.Add(exception), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
            var diagnostics = await new CompilationWithAnalyzers(compilation, [new DeclarationAnalyzer(), new ClientAnalyzer()], options).GetAnalyzerDiagnosticsAsync();
            Assert.That(exceptions, Is.Empty, $"the analyzer threw on {kind}:\n{text}");
            Assert.That(diagnostics.Where(d => d.Id == "AD0001"), Is.Empty, $"{kind}:\n{text}");
        }

        Assert.That(mutations.Count, Is.GreaterThan(150), $"{name}: too few mutations to mean anything");
        TestContext.Out.WriteLine($"{name}: {mutations.Count} mutations");
    }

    private static IEnumerable<(string Path, string Text)> ImplicitUsingsOnly() =>
        GeneratorHarness.SampleSources().Where(s => s.Path.EndsWith("ImplicitUsings.cs", StringComparison.Ordinal));

    /// <summary>Cut after every token, drop every token, replace every attribute argument's value, drop usings, duplicate attributes.</summary>
    private static IEnumerable<(string Kind, string Text)> Mutations(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions).GetRoot();
        var tokens = root.DescendantTokens().ToList();
        foreach (var token in tokens)
        {
            yield return ($"cut after '{token.Text}' at {token.Span.End}", source[..token.Span.End]);
            yield return ($"drop '{token.Text}' at {token.SpanStart}", source.Remove(token.SpanStart, token.Span.Length));
        }

        foreach (var argument in root.DescendantNodes().OfType<AttributeArgumentSyntax>())
        {
            foreach (var replacement in Replacements)
            {
                yield return ($"argument '{argument}' := {replacement}", Replace(source, argument.Expression.Span, replacement));
            }
        }

        foreach (var directive in root.DescendantNodes().OfType<UsingDirectiveSyntax>())
        {
            yield return ($"drop '{directive}'", Replace(source, directive.FullSpan, string.Empty));
        }

        foreach (var list in root.DescendantNodes().OfType<AttributeListSyntax>())
        {
            yield return ($"duplicate '{list}'", source.Insert(list.SpanStart, list + "\n"));
        }

        // A pasted duplicate: the same class or method declared twice (a compiler error the generator must survive).
        foreach (var member in root.DescendantNodes().OfType<MemberDeclarationSyntax>().Where(m => m is TypeDeclarationSyntax or MethodDeclarationSyntax))
        {
            yield return ($"paste '{Name(member)}' twice", source.Insert(member.FullSpan.End, member.ToFullString()));
        }
    }

    private static string Name(MemberDeclarationSyntax member) => member switch
    {
        TypeDeclarationSyntax type => type.Identifier.Text,
        MethodDeclarationSyntax method => method.Identifier.Text,
        _ => member.Kind().ToString(),
    };

    [Test]
    public void Look_alike_declarations_get_one_shim_each_and_a_pasted_duplicate_gets_none()
    {
        const string source = """
            using Flash;

            namespace A_B
            {
                public static class C { [Endpoint("one")] public static int Run(int x) => x; }
            }

            namespace A
            {
                public static class B_C { [Endpoint("two")] public static int Run(int x) => x; }

                public static class Pasted { [Endpoint("three")] public static int Run(int x) => x; }

                public static class Pasted { [Endpoint("three")] public static int Run(int x) => x; }
            }
            """;
        var compilation = GeneratorHarness.Compile(source, "LookAlike", OutputKind.ConsoleApplication);
        Assert.That(compilation.GetDiagnostics().Select(d => d.Id), Does.Contain("CS0101"), "the pasted class is a compiler error");

        var driver = GeneratorHarness.CreateDriver(withJsonGenerator: false).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult().Results.Single();

        Assert.That(result.Exception, Is.Null);
        Assert.That(diagnostics.Select(d => d.Id), Has.None.EqualTo("CS8785"));
        var shims = GeneratorRun.ShimClassesIn(result.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.That(shims, Has.Count.EqualTo(2));
        Assert.That(shims, Has.Exactly(2).StartsWith("Shim_A_B_C_Run_"), "the readable part is alike; the hash tells them apart");
        Assert.That(shims, Has.None.Contains("Pasted"));
        var manifest = result.GeneratedSources.Single(s => s.HintName == "FlashManifest.g.cs").SourceText.ToString();
        Assert.That(manifest, Does.Contain("Name = \"one\"").And.Contain("Name = \"two\"").And.Not.Contain("Name = \"three\""));
        var generatedErrors = output.SyntaxTrees
            .Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))
            .SelectMany(t => output.GetSemanticModel(t).GetDiagnostics())
            .Where(d => d.Severity == DiagnosticSeverity.Error);
        Assert.That(generatedErrors, Is.Empty);
    }

    private static string Replace(string source, Microsoft.CodeAnalysis.Text.TextSpan span, string text) =>
        source[..span.Start] + text + source[span.End..];
}
