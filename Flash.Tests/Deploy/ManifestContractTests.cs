extern alias cli;

using System.Collections;
using System.Reflection;
using cli::Flash.Cli.Manifest;
using Flash.Tests.Infrastructure;

namespace Flash.Tests.Deploy;

/// <summary>
/// The typed manifest compiled into an app and the manifest JSON that flash deploys are two renderings of one contract:
/// for the sample and for an app that sets every setting, each compiled-in <c>FlashManifest.Endpoints</c> value equals
/// what flash reads from <c>FlashManifest.Json</c>.
/// </summary>
public sealed class ManifestContractTests
{
    private const string KitchenSink = """
        [assembly: NetworkVolume("models", DataCenter = DataCenter.UsCa2, SizeGb = 200)]
        [assembly: NetworkVolume("scratch", DataCenter = DataCenter.EuRo1)]
        [assembly: NetworkVolume(Id = "vol-123")]

        namespace Sink;

        public static class Jobs
        {
            [Endpoint("gpu", Gpus = [GpuType.NvidiaL4, GpuType.NvidiaA100_80GbPcie], GpuGroups = [GpuGroup.Ada24], GpuCount = 2,
                MinCudaVersion = CudaVersion.Cuda12_4, WorkersMin = 1, WorkersMax = 4, IdleTimeoutSeconds = 5, ExecutionTimeoutMs = 30000,
                FlashBoot = false, ScalerType = ScalerType.RequestCount, ScalerValue = 2, MaxConcurrency = 3,
                DataCenters = [DataCenter.UsCa2, DataCenter.EuRo1], Volumes = ["models", "scratch"],
                Env = ["HF_HOME=/runpod-volume/hf", "MODE=a=b", "MODE=c"], Image = "ghcr.io/acme/worker:1", ContainerDiskInGb = 20,
                DockerArgs = "--shm-size 1g", StartScript = "./start.sh", ContainerRegistryAuthId = "auth-1")]
            public static int Run(int x) => x;

            [Endpoint("cpu", Cpus = [CpuInstanceType.Cpu5c_8_16, CpuInstanceType.Cpu3c_2_4], Volume = "scratch")]
            public static Task<string> Text(string text) => Task.FromResult(text);

            [Endpoint(Gpu = GpuType.NvidiaGeForceRtx4090, Volume = "vol-123")]
            public static void Plain() { }
        }

        [Endpoint("calculator", Cpu = CpuInstanceType.Cpu3g_1_4, ContainerDiskInGb = 10)]
        public sealed class Calculator
        {
            public int Add(int a, int b) => a + b;
            public int Negate(int a) => -a;
        }

        [Endpoint("api", GpuGroup = GpuGroup.Ampere24, WorkersMax = 3)]
        public sealed class Api
        {
            [Get("/items/{id}")] public int Get(int id) => id;
            [Post("/items")] public string Post(string name) => name;
            [Delete("/items/{id}")] public void Delete(int id) { }
        }
        """;

    private static IEnumerable<TestCaseData> Apps()
    {
        yield return new TestCaseData("Quickstart").SetName("The_samples_compiled_in_endpoints_equal_what_flash_reads_from_its_manifest");
        yield return new TestCaseData("Sink").SetName("An_app_setting_every_value_compiles_in_what_flash_reads_from_its_manifest");
    }

    [TestCaseSource(nameof(Apps))]
    public void Compiled_in_endpoints_equal_what_flash_reads(string app)
    {
        using var built = app == "Quickstart"
            ? GeneratedApp.Build(GeneratorHarness.SampleSources(), app)
            : GeneratedApp.Build(KitchenSink, app);
        var json = (string)built.Manifest.GetField("Json")!.GetRawConstantValue()!;
        var endpoints = built.Manifest.GetNestedType("Endpoints")!.GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Select(p => p.GetValue(null)!)
            .ToList();
        var volumes = built.Manifest.GetNestedType("Volumes")!.GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Select(p => p.GetValue(null)!)
            .ToList();

        var read = ManifestReader.Parse(json, "flash_manifest.json");

        Assert.That((endpoints.Count, volumes.Count), Is.EqualTo(app == "Quickstart" ? (5, 4) : (5, 3)));
        Assert.That(read.Endpoints.Select(Describe), Is.EqualTo(endpoints.Select(Describe)));
        Assert.That(read.Volumes.Select(Describe), Is.EqualTo(volumes.Select(Describe)));
        Assert.That(read.ProjectName, Is.EqualTo(app));
    }

    /// <summary>
    /// Every public property, lists element by element, nested definitions the same way: a comparison that holds across
    /// the runtime's and the tool's copies of the contract types.
    /// </summary>
    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => "\"" + text + "\"",
        Enum or int or bool => value.ToString()!,
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Describe)) + "]",
        _ when value.GetType().Name == "KeyValuePair`2" => Describe(value.GetType().GetProperty("Key")!.GetValue(value)) + "=" + Describe(value.GetType().GetProperty("Value")!.GetValue(value)),
        _ => value.GetType().Name + " { " + string.Join(", ", value.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract")
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + " = " + Describe(p.GetValue(value)))) + " }",
    };
}
