using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace Flash.Benchmarks;

/// <summary>
/// 1 and 4: a full generator run, as the compiler does it in a build: a fresh driver on a compilation that has not
/// bound anything yet (a clone), so the run pays for the binding it asks for.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class FullRunBenchmarks
{
    private Compilation _flash = null!;
    private Compilation _azure = null!;

    /// <summary>The endpoint count.</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    /// <summary>The sizes being measured (set from the command line).</summary>
    public static IEnumerable<int> Sizes => Run.Sizes;

    [GlobalSetup(Target = nameof(Flash))]
    public void SetUpFlash() => _flash = Compilations.App(Subject.Flash, N);

    [GlobalSetup(Target = nameof(Azure))]
    public void SetUpAzure() => _azure = Compilations.App(Subject.Azure, N);

    [Benchmark(Description = "Flash")]
    public GeneratorDriver Flash() => Compilations.Driver(Subject.Flash).RunGenerators(_flash.Clone());

    [Benchmark(Description = "Azure")]
    public GeneratorDriver Azure() => Compilations.Driver(Subject.Azure).RunGenerators(_azure.Clone());
}

/// <summary>2 and 4: the IDE's edit loop with a reused driver.</summary>
[Config(typeof(ShortRunConfig))]
public class EditBenchmarks
{
    private EditLoop _loop = null!;

    /// <summary>The endpoint count.</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    /// <summary>The sizes being measured (set from the command line).</summary>
    public static IEnumerable<int> Sizes => Run.Sizes;

    [GlobalSetup(Target = nameof(FlashUnrelatedMethod))]
    public void SetUpFlashUnrelated() => _loop = new EditLoop(Subject.Flash, N, EditKind.UnrelatedMethod);

    [GlobalSetup(Target = nameof(FlashEndpointBody))]
    public void SetUpFlashBody() => _loop = new EditLoop(Subject.Flash, N, EditKind.EndpointBody);

    [GlobalSetup(Target = nameof(FlashAttributeArgument))]
    public void SetUpFlashAttribute() => _loop = new EditLoop(Subject.Flash, N, EditKind.AttributeArgument);

    [GlobalSetup(Target = nameof(AzureUnrelatedMethod))]
    public void SetUpAzureUnrelated() => _loop = new EditLoop(Subject.Azure, N, EditKind.UnrelatedMethod);

    [GlobalCleanup]
    public void CleanUp() => _loop = null!;

    [Benchmark(Description = "Flash (a) unrelated method")]
    public GeneratorDriver FlashUnrelatedMethod() => _loop.Step();

    [Benchmark(Description = "Flash (b) endpoint body")]
    public GeneratorDriver FlashEndpointBody() => _loop.Step();

    [Benchmark(Description = "Flash (c) attribute argument")]
    public GeneratorDriver FlashAttributeArgument() => _loop.Step();

    [Benchmark(Description = "Azure (a) unrelated method")]
    public GeneratorDriver AzureUnrelatedMethod() => _loop.Step();
}
