extern alias cli;

using System.Text.Json.Nodes;
using cli::Flash.Cli.Commands;
using cli::Flash.Cli.Deploy;
using cli::Flash.Cli.Manifest;
using Flash.Tests.Infrastructure;

namespace Flash.Tests.Deploy;

/// <summary>
/// The payloads for declarations, compiled through the generator exactly as a build would: the fields and values of
/// RunPod's deploy calls (docs/deploy.md), and the settings the Python SDK drops.
/// </summary>
public sealed class PayloadTests
{
    private const string Image = "registry.example.com/app:1";

    private const string DefaultGpuLocations = "US-CA-2,US-IL-1,US-KS-2,US-MO-1,US-MO-2,US-NC-2,US-NE-1,US-WA-1,EU-CZ-1,EU-RO-1,EUR-NO-1";

    private static EndpointSpec Spec(string declarations, string name)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile(declarations, "App"));
        var manifest = ManifestReader.Parse(run.ManifestJson, "flash_manifest.json");
        return EndpointSpec.FromManifest(manifest, new ImageOptions(Image, null, null, null)).Single(s => s.Name == name);
    }

    private static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString();

    [Test]
    public void A_GPU_queue_based_endpoint_sends_the_fields_and_values_of_the_platform_example()
    {
        var spec = Spec("""
            public static class Jobs
            {
                [Endpoint("gpu-worker", GpuGroups = [GpuGroup.Ada24, GpuGroup.Ampere80], WorkersMax = 3)]
                public static int Run(int x) => x;
            }
            """, "gpu-worker");

        var payload = Payloads.CreateEndpoint(spec, []);

        Assert.That(payload.ToJsonString(), Is.EqualTo(Compact($$"""
            {
              "executionTimeoutMs": 0, "gpuCount": 1, "idleTimeout": 60, "minCudaVersion": "12.8",
              "locations": "{{DefaultGpuLocations}}",
              "name": "gpu-worker", "scalerType": "QUEUE_DELAY", "scalerValue": 4, "type": "QB", "workersMin": 0, "workersMax": 3,
              "allowedCudaVersions": "", "gpuIds": "ADA_24,AMPERE_80", "flashBootType": "FLASHBOOT",
              "template": {
                "containerDiskInGb": 64, "dockerArgs": "",
                "env": [ { "key": "FLASH_RESOURCE_NAME", "value": "gpu-worker" }, { "key": "FLASH_APP", "value": "App" } ],
                "imageName": "{{Image}}", "name": "flash-App-gpu-worker", "ports": "", "startScript": ""
              }
            }
            """)));
    }

    [Test]
    public void A_CPU_load_balanced_endpoint_sends_instance_ids_and_no_GPU_fields()
    {
        var spec = Spec("""
            [Endpoint("cpu-api", Cpus = [CpuInstanceType.Cpu3c_2_4, CpuInstanceType.Cpu5c_4_8])]
            public sealed class Api
            {
                [Get("/items")] public string[] Items() => [];
            }
            """, "cpu-api");

        var payload = Payloads.CreateEndpoint(spec, ["vol-1"]);

        Assert.That(payload.ToJsonString(), Is.EqualTo(Compact($$"""
            {
              "executionTimeoutMs": 0, "idleTimeout": 60, "instanceIds": ["cpu3c-2-4", "cpu5c-4-8"], "locations": "EU-RO-1",
              "name": "cpu-api", "scalerType": "REQUEST_COUNT", "scalerValue": 4, "type": "LB", "workersMin": 0, "workersMax": 1,
              "flashBootType": "FLASHBOOT",
              "template": {
                "containerDiskInGb": 20, "dockerArgs": "",
                "env": [ { "key": "FLASH_RESOURCE_NAME", "value": "cpu-api" }, { "key": "FLASH_APP", "value": "App" } ],
                "imageName": "{{Image}}", "name": "flash-App-cpu-api", "ports": "", "startScript": ""
              },
              "networkVolumeId": "vol-1"
            }
            """)));
        foreach (var gpuField in new[] { "gpuIds", "gpuCount", "allowedCudaVersions", "minCudaVersion" })
        {
            Assert.That(payload.ContainsKey(gpuField), Is.False, gpuField);
        }
    }

    [Test]
    public void Settings_the_Python_SDK_drops_are_sent()
    {
        var spec = Spec("""
            public static class Jobs
            {
                [Endpoint("tuned", Gpu = GpuType.NvidiaL4, ExecutionTimeoutMs = 600000, GpuCount = 2, FlashBoot = false,
                          MinCudaVersion = CudaVersion.Cuda12_4, ContainerDiskInGb = 200, DockerArgs = "--shm-size=1g",
                          StartScript = "./start.sh", ContainerRegistryAuthId = "auth-1", Env = ["MODE=fast"])]
                public static int Run(int x) => x;
            }
            """, "tuned");

        var payload = Payloads.CreateEndpoint(spec, []);

        Assert.That((int)payload["executionTimeoutMs"]!, Is.EqualTo(600000));
        Assert.That((int)payload["gpuCount"]!, Is.EqualTo(2));
        Assert.That((string)payload["flashBootType"]!, Is.EqualTo("OFF"));
        Assert.That((string)payload["minCudaVersion"]!, Is.EqualTo("12.4"));
        Assert.That((string)payload["gpuIds"]!, Is.EqualTo("AMPERE_24,-NVIDIA GeForce RTX 3090,-NVIDIA RTX A5000"));
        Assert.That(payload["template"]!.ToJsonString(), Is.EqualTo(Compact($$"""
            {
              "containerDiskInGb": 200, "dockerArgs": "--shm-size=1g",
              "env": [ { "key": "MODE", "value": "fast" }, { "key": "FLASH_RESOURCE_NAME", "value": "tuned" }, { "key": "FLASH_APP", "value": "App" } ],
              "imageName": "{{Image}}", "name": "flash-App-tuned", "ports": "", "startScript": "./start.sh", "containerRegistryAuthId": "auth-1"
            }
            """)));
    }

    [Test]
    public void One_volume_is_sent_as_networkVolumeId_several_as_networkVolumeIds()
    {
        var spec = Spec("""
            public static class Jobs
            {
                [Endpoint("e")] public static int Run(int x) => x;
            }
            """, "e");

        Assert.That(Payloads.CreateEndpoint(spec, []).ContainsKey("networkVolumeId"), Is.False);
        Assert.That(Payloads.CreateEndpoint(spec, []).ContainsKey("networkVolumeIds"), Is.False);
        Assert.That(Payloads.CreateEndpoint(spec, ["a"])["networkVolumeId"]!.ToJsonString(), Is.EqualTo("\"a\""));
        Assert.That(Payloads.CreateEndpoint(spec, ["a", "b"]).ContainsKey("networkVolumeId"), Is.False);
        Assert.That(Payloads.CreateEndpoint(spec, ["a", "b"])["networkVolumeIds"]!.ToJsonString(),
            Is.EqualTo("""[{"networkVolumeId":"a"},{"networkVolumeId":"b"}]"""));
    }

    [Test]
    public void Updates_carry_the_ids_and_the_template_by_id_and_volumes_are_created_with_name_size_and_datacenter()
    {
        var spec = Spec("""
            [assembly: NetworkVolume("data", SizeGb = 50, DataCenter = DataCenter.EuRo1)]
            public static class Jobs
            {
                [Endpoint("e", Volume = "data")] public static int Run(int x) => x;
            }
            """, "e");

        var update = Payloads.UpdateEndpoint(spec, ["vol-9"], "ep-1", "tpl-1");
        var template = Payloads.SaveTemplate(spec, "tpl-1", spec.Env);

        Assert.That(update.Select(p => p.Key).First(), Is.EqualTo("id"));
        Assert.That((string)update["id"]!, Is.EqualTo("ep-1"));
        Assert.That((string)update["templateId"]!, Is.EqualTo("tpl-1"));
        Assert.That(update.ContainsKey("template"), Is.False, "RunPod rejects template and templateId together");
        Assert.That(template.ToJsonString(), Is.EqualTo(Compact($$"""
            {
              "id": "tpl-1", "containerDiskInGb": 64, "dockerArgs": "",
              "env": [ { "key": "FLASH_RESOURCE_NAME", "value": "e" }, { "key": "FLASH_APP", "value": "App" } ],
              "imageName": "{{Image}}", "name": "flash-App-e", "ports": "", "startScript": "", "volumeInGb": 0
            }
            """)));
        Assert.That(Payloads.CreateVolume(spec.Definition.Volumes.Single()).ToJsonString(),
            Is.EqualTo("""{"name":"data","size":50,"dataCenterId":"EU-RO-1"}"""));
    }

    [Test]
    public void An_endpoint_image_wins_over_the_app_image_and_the_container_options_compose_the_SDK_image_name()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile("""
            public static class Jobs
            {
                [Endpoint("own", Image = "me/own:3")] public static int A(int x) => x;
                [Endpoint("app")] public static int B(int x) => x;
            }
            """, "My.Cool_App"));
        var manifest = ManifestReader.Parse(run.ManifestJson, "flash_manifest.json");

        var withRegistry = EndpointSpec.FromManifest(manifest, new ImageOptions(null, "ghcr.io/", null, null));
        var withAll = EndpointSpec.FromManifest(manifest, new ImageOptions(null, "ghcr.io", "team/api", "1.2.3"));

        Assert.That(withRegistry.Select(s => s.Image), Is.EqualTo(new[] { "ghcr.io/my.cool_app:latest", "me/own:3" }));
        Assert.That(withAll.Select(s => s.Image), Is.EqualTo(new[] { "ghcr.io/team/api:1.2.3", "me/own:3" }));
    }

    [Test]
    public void A_RunPod_secret_reference_declared_in_Env_is_sent_as_written()
    {
        var spec = Spec("""
            public static class Jobs
            {
                [Endpoint("caller", Env = ["RUNPOD_API_KEY={{ RUNPOD_SECRET_my_key }}"])]
                public static int Run(int x) => x;
            }
            """, "caller");

        var payload = Payloads.CreateEndpoint(spec, []);

        Assert.That(payload["template"]!["env"]![0]!.ToJsonString(), Is.EqualTo("""{"key":"RUNPOD_API_KEY","value":"{{ RUNPOD_SECRET_my_key }}"}"""));
    }

    [Test]
    public void The_project_container_properties_recorded_by_the_build_give_the_image_when_no_option_does()
    {
        var run = GeneratorHarness.Run(
            GeneratorHarness.Compile("public static class Jobs { [Endpoint(\"app\")] public static int B(int x) => x; }", "Worker"),
            buildProperties: new Dictionary<string, string> { ["ContainerRegistry"] = "ghcr.io", ["ContainerRepository"] = "team/worker", ["ContainerImageTag"] = " 2.0 " });
        ManifestSchema.AssertValid(run.ManifestJson);
        var manifest = ManifestReader.Parse(run.ManifestJson, "flash_manifest.json");

        Assert.That(JsonNode.Parse(run.ManifestJson)!["container"]!.ToJsonString(), Is.EqualTo("""{"registry":"ghcr.io","repository":"team/worker","tag":"2.0"}"""));
        Assert.That(EndpointSpec.FromManifest(manifest, ImageOptions.None).Single().Image, Is.EqualTo("ghcr.io/team/worker:2.0"));
        Assert.That(EndpointSpec.FromManifest(manifest, new ImageOptions(null, null, null, "2.1")).Single().Image, Is.EqualTo("worker:2.1"),
            "options given on the command line replace the recorded ones");
        Assert.That(EndpointSpec.FromManifest(manifest, new ImageOptions("other/image:9", null, null, null)).Single().Image, Is.EqualTo("other/image:9"));
    }

    [Test]
    public void Without_container_properties_the_manifest_records_nulls_and_the_image_must_be_given()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile("public static class Jobs { [Endpoint(\"app\")] public static int B(int x) => x; }", "Worker"));
        var manifest = ManifestReader.Parse(run.ManifestJson, "flash_manifest.json");

        Assert.That(JsonNode.Parse(run.ManifestJson)!["container"]!.ToJsonString(), Is.EqualTo("""{"registry":null,"repository":null,"tag":null}"""));
        var error = Assert.Throws<FlashCliException>(() => EndpointSpec.FromManifest(manifest, ImageOptions.None));
        Assert.That(error!.Message, Does.StartWith("No container image for app."));
    }
}
