extern alias analyzers;

using System.Collections.Immutable;
using Flash.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using DeclarationAnalyzer = analyzers::Flash.Analyzers.DeclarationAnalyzer;

namespace Flash.Tests.Analyzers;

/// <summary>The analyzer reports what the shared parser finds, on the argument at fault, with the full message.</summary>
public sealed class DeclarationAnalyzerTests
{
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
    {
        var compilation = GeneratorHarness.Compile(source);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.That(errors, Is.Empty, "the test source itself does not compile");
        return await compilation.WithAnalyzers([new DeclarationAnalyzer()]).GetAnalyzerDiagnosticsAsync();
    }

    private static string At(Diagnostic diagnostic, string source)
    {
        // The text the diagnostic points at, in the source as the test wrote it (the harness adds 4 using lines).
        var text = diagnostic.Location.SourceTree!.GetText().ToString();
        return text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);
    }

    [Test]
    public async Task Gpu_and_cpu_on_one_endpoint_is_an_error_on_the_attribute()
    {
        const string source = """
            public static class Jobs
            {
                [Endpoint("mixed", Gpu = GpuType.NvidiaL4, Cpu = CpuInstanceType.Cpu3c_1_2)]
                public static int Run(int x) => x;
            }
            """;

        var diagnostics = await AnalyzeAsync(source);

        Assert.That(diagnostics, Has.Length.EqualTo(1));
        var diagnostic = diagnostics[0];
        Assert.That(diagnostic.Id, Is.EqualTo("FLASH006"));
        Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error));
        Assert.That(diagnostic.GetMessage(), Is.EqualTo(
            "Endpoint 'mixed' sets both GPU and CPU instance types; an endpoint runs on GPUs or on CPUs, so keep one of them"));
        Assert.That(At(diagnostic, source), Is.EqualTo("Endpoint(\"mixed\", Gpu = GpuType.NvidiaL4, Cpu = CpuInstanceType.Cpu3c_1_2)"));
        Assert.That(diagnostic.Location.GetLineSpan().StartLinePosition.Line, Is.EqualTo(6));
    }

    [Test]
    public async Task A_gpu_endpoint_alone_has_no_diagnostic()
    {
        var diagnostics = await AnalyzeAsync("""
            public static class Jobs
            {
                [Endpoint("gpu", Gpu = GpuType.NvidiaL4)]
                public static int Run(int x) => x;
            }
            """);

        Assert.That(diagnostics, Is.Empty);
    }

    [Test]
    public async Task An_enum_value_cast_from_an_int_is_an_error_on_its_argument()
    {
        const string source = """
            public static class Jobs
            {
                [Endpoint("cast", Gpu = (GpuType)999)]
                public static int Run(int x) => x;
            }
            """;

        var diagnostic = (await AnalyzeAsync(source)).Single();

        Assert.That(diagnostic.Id, Is.EqualTo("FLASH002"));
        Assert.That(diagnostic.GetMessage(), Is.EqualTo("Gpu = 999 is not a member of GpuType; pick one of the GpuType members instead of casting a number"));
        Assert.That(At(diagnostic, source), Is.EqualTo("Gpu = (GpuType)999"));
    }

    [Test]
    public async Task The_same_endpoint_name_twice_is_reported_at_both_declarations()
    {
        const string source = """
            public static class Jobs
            {
                [Endpoint("twice")]
                public static int A(int x) => x;

                [Endpoint("twice")]
                public static int B(int x) => x;
            }
            """;

        var diagnostics = (await AnalyzeAsync(source)).OrderBy(d => d.Location.SourceSpan.Start).ToList();

        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "FLASH013", "FLASH013" }));
        Assert.That(diagnostics.Select(d => d.GetMessage()).Distinct().Single(), Is.EqualTo(
            "The endpoint name 'twice' is declared more than once in this app; endpoint names are manifest keys and must be unique"));
        Assert.That(diagnostics.Select(d => d.Location.GetLineSpan().StartLinePosition.Line), Is.EqualTo(new[] { 6, 9 }));
    }

    [Test]
    public async Task A_volume_reference_declared_nowhere_is_an_error_and_a_declared_one_is_not()
    {
        var diagnostics = await AnalyzeAsync("""
            [assembly: NetworkVolume("cache")]
            public static class Jobs
            {
                [Endpoint("ok", Volume = "cache")]
                public static int A(int x) => x;

                [Endpoint("missing", Volume = "cahce")]
                public static int B(int x) => x;
            }
            """);

        var diagnostic = diagnostics.Single();
        Assert.That(diagnostic.Id, Is.EqualTo("FLASH014"));
        Assert.That(diagnostic.GetMessage(), Is.EqualTo(
            "Endpoint 'missing' attaches volume 'cahce', which no [assembly: NetworkVolume] declares; declare it or fix the name"));
    }

    [Test]
    public async Task The_sample_has_no_diagnostics()
    {
        var compilation = GeneratorHarness.Compile(GeneratorHarness.SampleSources(), "Quickstart", OutputKind.ConsoleApplication);
        var diagnostics = await compilation.WithAnalyzers([new DeclarationAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        Assert.That(diagnostics, Is.Empty);
    }
}
