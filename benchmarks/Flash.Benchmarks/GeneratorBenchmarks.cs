using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace Flash.Benchmarks;

/// <summary>
/// 1 and 4: a full generator run, as the compiler does it in a build: a driver with new generator instances on a
/// compilation that has bound nothing, made of tree and reference objects no generator has seen
/// (<see cref="Compilations.Fresh"/>, prepared before each operation, untimed). The warm variant runs on the reference
/// objects of the earlier runs (<see cref="Compilations.WarmReferences"/>), as a long-lived process would. The binding
/// floor is what any generator reading the declarations pays the compiler first.
/// </summary>
[Config(typeof(FullRunConfig))]
public class FullRunBenchmarks
{
    private Compilation _compilation = null!;

    /// <summary>The endpoint count.</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    /// <summary>The sizes being measured (set from the command line).</summary>
    public static IEnumerable<int> Sizes => Run.Sizes;

    [IterationSetup(Targets = [nameof(Flash), nameof(FlashBindingFloor)])]
    public void SetUpFlash() => _compilation = Compilations.Fresh(Subject.Flash, N);

    [IterationSetup(Targets = [nameof(Azure), nameof(AzureBindingFloor)])]
    public void SetUpAzure() => _compilation = Compilations.Fresh(Subject.Azure, N);

    [IterationSetup(Target = nameof(FlashWarm))]
    public void SetUpFlashWarm() => _compilation = Compilations.WarmReferences(Subject.Flash, N);

    [IterationSetup(Target = nameof(AzureWarm))]
    public void SetUpAzureWarm() => _compilation = Compilations.WarmReferences(Subject.Azure, N);

    [Benchmark(Description = "Flash")]
    public GeneratorDriver Flash() => Compilations.Driver(Subject.Flash).RunGenerators(_compilation);

    [Benchmark(Description = "Azure")]
    public GeneratorDriver Azure() => Compilations.Driver(Subject.Azure).RunGenerators(_compilation);

    [Benchmark(Description = "Flash, warm references")]
    public GeneratorDriver FlashWarm() => Compilations.Driver(Subject.Flash).RunGenerators(_compilation);

    [Benchmark(Description = "Azure, warm references")]
    public GeneratorDriver AzureWarm() => Compilations.Driver(Subject.Azure).RunGenerators(_compilation);

    [Benchmark(Description = "Binding floor, Flash app")]
    public int FlashBindingFloor() => Compilations.BindDeclarations(_compilation);

    [Benchmark(Description = "Binding floor, Azure app")]
    public int AzureBindingFloor() => Compilations.BindDeclarations(_compilation);
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
