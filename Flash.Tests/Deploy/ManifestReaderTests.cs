extern alias cli;

using System.Text.Json.Nodes;
using cli::Flash.Cli.Cli;
using cli::Flash.Cli.Manifest;
using cli::Flash.Manifest;

namespace Flash.Tests.Deploy;

/// <summary>Reading flash_manifest.json: the sample reads back as built, and a broken manifest is refused with every problem named.</summary>
public sealed class ManifestReaderTests
{
    private static string Edited(Action<JsonObject> edit)
    {
        var manifest = JsonNode.Parse(CliHarness.SampleManifest)!.AsObject();
        edit(manifest);
        return manifest.ToJsonString();
    }

    private static string ProblemsOf(string json)
    {
        var e = Assert.Throws<FlashCliException>(() => ManifestReader.Parse(json, "m.json"))!;
        return e.Message;
    }

    [Test]
    public void The_sample_manifest_reads_back_with_every_value()
    {
        var app = ManifestReader.Parse(CliHarness.SampleManifest, "m.json");

        Assert.That(app.ProjectName, Is.EqualTo("Quickstart"));
        Assert.That(app.Endpoints.Select(e => e.Name), Is.EqualTo(new[] { "global-inference", "inference-api", "large-temp-storage", "persistent-storage", "word-stream" }));
        Assert.That(app.Volumes.Select(v => v.Name), Is.EqualTo(new[] { "model-cache", "models-us", "models-eu", "model-storage" }));
        var api = app.Endpoints[1];
        Assert.That(api.Definition.Kind, Is.EqualTo(EndpointKind.LoadBalanced));
        Assert.That(api.Routes, Is.EqualTo(new[] { "POST /generate", "GET /models" }));
        Assert.That((api.Definition.WorkersMin, api.Definition.WorkersMax, api.Definition.ScalerType, api.Definition.GpuIds), Is.EqualTo((1, 5, "REQUEST_COUNT", "ADA_24")));
        var global = app.Endpoints[0].Definition;
        Assert.That(global.Kind, Is.EqualTo(EndpointKind.QueueFunction));
        Assert.That(global.Volumes.Select(VolumeIdentity.Key), Is.EqualTo(new[] { "models-us@US-CA-2", "models-eu@EU-RO-1" }));
        Assert.That(app.Endpoints[2].Definition.ContainerDiskInGb, Is.EqualTo(100));
    }

    [Test]
    public void Every_problem_is_reported_with_its_path()
    {
        var json = Edited(m =>
        {
            var api = CliHarness.Resource(m, "inference-api");
            api["gpuIds"] = "ADA_24,AMPERE_81";
            api["scalerType"] = "QUEUE_DELAY";
            api["workersMin"] = 9;
            api["env"] = new JsonObject { ["FLASH_APP"] = "x", ["N"] = 1 };
            CliHarness.Resource(m, "global-inference")["locations"] = "US-CA-2,MARS-1";
            CliHarness.Resource(m, "large-temp-storage").Remove("idleTimeout");
            m["network_volumes"]![0]!["size"] = 5;
        });

        Assert.That(ProblemsOf(json), Is.EqualTo(
            """
            The manifest m.json cannot be deployed:
              - network_volumes[0].size: 5 is outside the valid range 10..4096
              - resources.global-inference.locations: 'MARS-1' is not a datacenter of the catalog
              - resources.inference-api.gpuIds: 'AMPERE_81' is not a GPU pool id or '-<GPU type id>'
              - resources.inference-api: workersMin (9) is greater than workersMax (5)
              - resources.inference-api.scalerType: a load-balanced endpoint cannot scale by QUEUE_DELAY; use REQUEST_COUNT
              - resources.inference-api.env.FLASH_APP: flash deploy sets FLASH_APP on every worker itself; remove it from the endpoint's Env
              - resources.inference-api.env.N: must be a string
              - resources.large-temp-storage.idleTimeout: missing
            Rebuild the project (dotnet build) to write it again; docs/manifest.md describes the format.
            """.Replace("\r\n", "\n")));
    }

    [Test]
    public void A_CPU_endpoint_outside_its_datacenter_or_above_its_disk_limit_is_refused()
    {
        var json = Edited(m =>
        {
            var e = CliHarness.Resource(m, "large-temp-storage");
            e["resource_type"] = "CpuEndpoint";
            e.Remove("gpuIds");
            e.Remove("gpuCount");
            e.Remove("minCudaVersion");
            e["instanceIds"] = "cpu3c-1-2,cpu9z-1-1";
            e["locations"] = "US-CA-2";
        });

        Assert.That(ProblemsOf(json), Does.Contain("""
              - resources.large-temp-storage.instanceIds: 'cpu9z-1-1' is not a CPU instance type id (cpu3g-1-4 …)
              - resources.large-temp-storage.locations: CPU endpoints run only in EU-RO-1, not in US-CA-2
              - resources.large-temp-storage.template.containerDiskInGb: 100 GB is above the 10 GB its CPU instance types allow
            """.Replace("\r\n", "\n")));
    }

    [Test]
    public void Endpoint_names_and_images_follow_the_builds_rules_with_their_IDs_all_at_once()
    {
        var json = Edited(m =>
        {
            var resources = m["resources"]!.AsObject();
            var global = resources["global-inference"]!;
            resources.Remove("global-inference");
            resources["../../evil \"name\""] = global;
            resources["Word-Stream"] = resources["word-stream"]!.DeepClone();
            resources["tab\tname"] = resources["word-stream"]!.DeepClone();
            CliHarness.Resource(m, "inference-api")["imageName"] = "bad image name with spaces";
            CliHarness.Resource(m, "word-stream")["imageName"] = "ghcr.io/You/app:1.0";
        });

        Assert.That(ProblemsOf(json), Is.EqualTo(
            """
            The manifest m.json cannot be deployed:
              - resources.inference-api.imageName: 'bad image name with spaces' is not a container image reference: it contains a space at position 4; an image reference is [registry/]repository[:tag][@digest] with a lower-case repository, e.g. ghcr.io/you/app:1.0 (FLASH008)
              - resources.word-stream.imageName: 'ghcr.io/You/app:1.0' is not a container image reference: the repository path has upper-case letters in 'You'; repositories are lower case; an image reference is [registry/]repository[:tag][@digest] with a lower-case repository, e.g. ghcr.io/you/app:1.0 (FLASH008)
              - resources.../../evil "name": the endpoint name is not valid: it starts with '.'; an endpoint name has 1 to 63 ASCII letters, digits, '-', '_' or '.', starts with a letter or digit, and differs from the app's other endpoint names in more than case (FLASH005)
              - resources.Word-Stream: the endpoint name differs only in case from 'word-stream'; an endpoint name has 1 to 63 ASCII letters, digits, '-', '_' or '.', starts with a letter or digit, and differs from the app's other endpoint names in more than case (FLASH007)
              - resources.tab\u0009name: the endpoint name is not valid: it contains the control or space character U+0009 at position 4; an endpoint name has 1 to 63 ASCII letters, digits, '-', '_' or '.', starts with a letter or digit, and differs from the app's other endpoint names in more than case (FLASH005)
            Rebuild the project (dotnet build) to write it again; docs/manifest.md describes the format.
            """.Replace("\r\n", "\n")));
    }

    [Test]
    public void A_duplicate_key_is_a_JSON_error_not_a_crash()
    {
        var json = CliHarness.SampleManifest.Replace("\"version\": \"1.0\",", "\"version\": \"1.0\", \"version\": \"1.0\",", StringComparison.Ordinal);

        Assert.That(ProblemsOf(json), Does.StartWith("The manifest m.json is not valid JSON (Duplicate property 'version' encountered during deserialization.)"));
    }

    [TestCase("{", "The manifest m.json is not valid JSON")]
    [TestCase("[]", "  - (root): must be a JSON object")]
    [TestCase("""{"version": "2.0", "runtime": "python", "project_name": "", "resources": {}, "network_volumes": []}""",
        "  - version: '2.0' is not a manifest version this tool reads (1.0)\n  - runtime: 'python' is not a .NET manifest (expected \"dotnet\")\n  - project_name: must not be empty")]
    public void Malformed_manifests_are_refused(string json, string expected)
    {
        Assert.That(ProblemsOf(json), Does.Contain(expected));
    }
}
