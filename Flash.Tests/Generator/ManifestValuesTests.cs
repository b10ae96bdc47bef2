extern alias cli;

using System.Text.Json.Nodes;
using cli::Flash.Cli.Deploy;
using cli::Flash.Cli.Manifest;
using Flash.Tests.Infrastructure;

namespace Flash.Tests.Generator;

/// <summary>Values the manifest computes from declarations: GPU ids, CPU disk sizing, locations, defaults.</summary>
public sealed class ManifestValuesTests
{
    private static JsonNode Resource(string declaration, string name = "e") =>
        JsonNode.Parse(Manifest(declaration))!["resources"]![name]!;

    private static string Manifest(string declaration)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile($$"""
            public static class Jobs
            {
                {{declaration}}
                public static int Run(int x) => x;
            }
            """));
        ManifestSchema.AssertValid(run.ManifestJson);
        return run.ManifestJson;
    }

    [TestCase("Gpu = GpuType.NvidiaL4", "AMPERE_24,-NVIDIA GeForce RTX 3090,-NVIDIA RTX A5000")]
    [TestCase("Gpu = GpuType.NvidiaA100_80GbPcie", "AMPERE_80,-NVIDIA A100-SXM4-80GB")]
    [TestCase("GpuGroup = GpuGroup.Ampere24, Gpu = GpuType.NvidiaL4", "AMPERE_24")]
    [TestCase("GpuGroup = GpuGroup.Ampere80, Gpu = GpuType.NvidiaGeForceRtx4090", "ADA_24,AMPERE_80")]
    [TestCase("GpuGroup = GpuGroup.Any", "ADA_24,ADA_32_PRO,ADA_48_PRO,ADA_80_PRO,AMPERE_16,AMPERE_24,AMPERE_48,AMPERE_80,BLACKWELL_180,BLACKWELL_96,HOPPER_141")]
    [TestCase("WorkersMax = 2", "ADA_24,ADA_32_PRO,ADA_48_PRO,ADA_80_PRO,AMPERE_16,AMPERE_24,AMPERE_48,AMPERE_80,BLACKWELL_180,BLACKWELL_96,HOPPER_141")]
    [TestCase("Gpus = [GpuType.NvidiaL4, GpuType.NvidiaRtxA5000]", "AMPERE_24,-NVIDIA GeForce RTX 3090")]
    [TestCase("Gpus = new[] { GpuType.NvidiaL4, GpuType.NvidiaRtxA5000 }", "AMPERE_24,-NVIDIA GeForce RTX 3090")]
    public void GpuIds_follow_the_platform_algorithm(string arguments, string gpuIds)
    {
        var manifest = Manifest($"[Endpoint(\"e\", {arguments})]");

        var endpoint = ManifestReader.Parse(manifest, "flash_manifest.json").Endpoints.Single();
        Assert.That(Payloads.GpuIds(endpoint), Is.EqualTo(gpuIds));
        Assert.That(JsonNode.Parse(manifest)!["resources"]!["e"]!.AsObject().ContainsKey("instanceIds"), Is.False);
    }

    [TestCase("Cpu = CpuInstanceType.Cpu3g_1_4", "cpu3g-1-4", 10)]
    [TestCase("Cpu = CpuInstanceType.Cpu3c_8_16", "cpu3c-8-16", 80)]
    [TestCase("Cpu = CpuInstanceType.Cpu5c_2_4", "cpu5c-2-4", 30)]
    [TestCase("Cpus = [CpuInstanceType.Cpu5c_8_16, CpuInstanceType.Cpu3g_1_4]", "cpu5c-8-16,cpu3g-1-4", 10)]
    public void Cpu_endpoints_without_a_disk_size_get_their_instance_limit(string arguments, string instanceIds, int disk)
    {
        var resource = Resource($"[Endpoint(\"e\", {arguments})]");

        Assert.That(string.Join(",", resource["instanceIds"]!.AsArray().Select(id => (string?)id)), Is.EqualTo(instanceIds));
        Assert.That((int?)resource["template"]!["containerDiskInGb"], Is.EqualTo(disk));
        Assert.That(resource["locations"]!.ToJsonString(), Is.EqualTo("[\"EU-RO-1\"]"));
        Assert.That(resource.AsObject().ContainsKey("gpuGroups"), Is.False);
        Assert.That(resource.AsObject().ContainsKey("gpuTypes"), Is.False);
        Assert.That(resource.AsObject().ContainsKey("gpuCount"), Is.False);
        Assert.That(resource.AsObject().ContainsKey("minCudaVersion"), Is.False);
    }

    [TestCase(5)]
    [TestCase(64)]
    public void An_explicit_cpu_disk_size_is_kept_as_written(int disk)
    {
        var resource = Resource($"[Endpoint(\"e\", Cpu = CpuInstanceType.Cpu5c_8_16, ContainerDiskInGb = {disk})]");

        Assert.That((int?)resource["template"]!["containerDiskInGb"], Is.EqualTo(disk));
    }

    [Test]
    public void Omitted_settings_take_the_platform_defaults()
    {
        var resource = Resource("[Endpoint]", name: "Run");

        Assert.That(resource.ToJsonString(), Does.Contain(
            "\"gpuCount\":1,\"minCudaVersion\":\"12.8\",\"workersMin\":0,\"workersMax\":1,\"idleTimeout\":60,\"scalerType\":\"QUEUE_DELAY\"," +
            "\"scalerValue\":4,\"executionTimeoutMs\":0,\"flashboot\":true," +
            "\"locations\":[\"US-CA-2\",\"US-IL-1\",\"US-KS-2\",\"US-MO-1\",\"US-MO-2\",\"US-NC-2\",\"US-NE-1\",\"US-WA-1\",\"EU-CZ-1\",\"EU-RO-1\",\"EUR-NO-1\"],"));
        Assert.That((int?)resource["template"]!["containerDiskInGb"], Is.EqualTo(64));
        Assert.That((int?)resource["max_concurrency"], Is.EqualTo(1));
    }

    [Test]
    public void Written_settings_reach_the_manifest_including_those_python_drops()
    {
        var resource = Resource("""
            [Endpoint("e", GpuCount = 2, FlashBoot = false, ExecutionTimeoutMs = 30000, IdleTimeoutSeconds = 5, MinCudaVersion = CudaVersion.Cuda12_4,
                      ScalerType = ScalerType.RequestCount, ScalerValue = 2, MaxConcurrency = 3, WorkersMin = 1, WorkersMax = 4,
                      Env = ["HF_HOME=/runpod-volume/hf", "MODE=a=b"], Image = "ghcr.io/acme/worker:1", ContainerDiskInGb = 20,
                      DockerArgs = "--shm-size 1g", StartScript = "./start.sh", ContainerRegistryAuthId = "auth-1")]
            """);

        Assert.That(resource.ToJsonString(), Is.EqualTo(
            """{"kind":"QueueFunction","functions":[{"name":"Run","http_method":null,"http_path":null}],"imageName":"ghcr.io/acme/worker:1","gpuGroups":["any"],"gpuTypes":[],"gpuCount":2,"minCudaVersion":"12.4","workersMin":1,"workersMax":4,"idleTimeout":5,"scalerType":"REQUEST_COUNT","scalerValue":2,"executionTimeoutMs":30000,"flashboot":false,"locations":["US-CA-2","US-IL-1","US-KS-2","US-MO-1","US-MO-2","US-NC-2","US-NE-1","US-WA-1","EU-CZ-1","EU-RO-1","EUR-NO-1"],"env":{"HF_HOME":"/runpod-volume/hf","MODE":"a=b"},"networkVolumes":[],"template":{"containerDiskInGb":20,"dockerArgs":"--shm-size 1g","startScript":"./start.sh","containerRegistryAuthId":"auth-1"},"max_concurrency":3}"""));
    }

    [Test]
    public void A_volume_given_by_id_keeps_an_unknown_datacenter()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile("""
            [assembly: NetworkVolume(Id = "vol-123")]
            public static class Jobs
            {
                [Endpoint("e", Volume = "vol-123")]
                public static int Run(int x) => x;
            }
            """));
        ManifestSchema.AssertValid(run.ManifestJson);
        var volume = JsonNode.Parse(run.ManifestJson)!["resources"]!["e"]!["networkVolumes"]![0]!;

        Assert.That(volume.ToJsonString(), Is.EqualTo("""{"name":null,"id":"vol-123","size":100,"dataCenterId":null}"""));
    }

    [Test]
    public void An_endpoint_with_an_error_gets_no_shim_and_no_manifest_entry()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile("""
            public static class Jobs
            {
                [Endpoint("ok")]
                public static int Ok(int x) => x;

                [Endpoint("broken", Gpu = GpuType.NvidiaL4, Cpu = CpuInstanceType.Cpu3c_1_2)]
                public static int Broken(int x) => x;
            }
            """));

        ManifestSchema.AssertValid(run.ManifestJson);
        Assert.That(JsonNode.Parse(run.ManifestJson)!["resources"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "ok" }));
        Assert.That(run.Sources.Keys.Where(k => k.Contains("Broken", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void An_executable_whose_only_endpoint_has_an_error_still_gets_its_Main()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile(
            """public static class Jobs { [Endpoint("broken", Gpu = GpuType.NvidiaL4, Cpu = CpuInstanceType.Cpu3c_1_2)] public static int Run(int x) => x; }""",
            kind: Microsoft.CodeAnalysis.OutputKind.ConsoleApplication));

        Assert.That(run.Sources["FlashManifest.g.cs"], Does.Contain("public static global::System.Threading.Tasks.Task<int> Main(string[] args)"));
        Assert.That(JsonNode.Parse(run.ManifestJson)!["resources"]!.AsObject(), Is.Empty);
    }

    [Test]
    public void A_manifest_longer_than_a_mebibyte_is_embedded_whole()
    {
        // About a thousand endpoints make a manifest this long; the template engine cut strings past 1 MiB to "...".
        var value = new string('x', 1_100_000);
        var run = GeneratorHarness.Run(GeneratorHarness.Compile($$"""
            public static class Jobs
            {
                [Endpoint("e", Env = ["BIG={{value}}"])]
                public static int Run(int x) => x;
            }
            """));

        Assert.That(run.ManifestJson.Length, Is.GreaterThan(1 << 20));
        Assert.That((string?)JsonNode.Parse(run.ManifestJson)!["resources"]!["e"]!["env"]!["BIG"], Is.EqualTo(value));
    }

    [TestCase(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary, "")]
    [TestCase(Microsoft.CodeAnalysis.OutputKind.ConsoleApplication, "public static class Program { public static void Main() { } }")]
    [TestCase(Microsoft.CodeAnalysis.OutputKind.ConsoleApplication, "System.Console.WriteLine();")]
    public void No_Main_is_generated_for_a_library_or_beside_the_users_own(Microsoft.CodeAnalysis.OutputKind kind, string program)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile(
            program + "\npublic static class Jobs { [Endpoint] public static int Run(int x) => x; }",
            kind: kind));

        Assert.That(run.Sources["FlashManifest.g.cs"], Does.Not.Contain("Main("));
    }
}
