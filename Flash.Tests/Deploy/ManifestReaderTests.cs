extern alias cli;

using System.Text.Json.Nodes;
using cli::Flash.Cli.Commands;
using cli::Flash.Cli.Deploy;
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
        Assert.That(api.Kind, Is.EqualTo(EndpointKind.LoadBalanced));
        Assert.That(ManifestValues.Routes(api), Is.EqualTo(new[] { "POST /generate", "GET /models" }));
        Assert.That((api.WorkersMin, api.WorkersMax, api.ScalerType.ToString(), Payloads.GpuIds(api)), Is.EqualTo((1, 5, "RequestCount", "ADA_24")));
        var global = app.Endpoints[0];
        Assert.That(global.Kind, Is.EqualTo(EndpointKind.QueueFunction));
        Assert.That(global.Volumes.Select(ManifestValues.VolumeKey), Is.EqualTo(new[] { "models-us@US-CA-2", "models-eu@EU-RO-1" }));
        Assert.That(app.Endpoints[2].ContainerDiskInGb, Is.EqualTo(100));
    }

    [Test]
    public void Every_problem_is_reported_with_its_path()
    {
        var json = Edited(m =>
        {
            var api = CliHarness.Resource(m, "inference-api");
            api["gpuGroups"] = new JsonArray("ADA_24", "AMPERE_81");
            api["scalerType"] = "QUEUE_DELAY";
            api["workersMin"] = 9;
            api["env"] = new JsonObject { ["FLASH_APP"] = "x", ["N"] = 1 };
            CliHarness.Resource(m, "global-inference")["locations"] = new JsonArray("US-CA-2", "MARS-1");
            CliHarness.Resource(m, "persistent-storage")["env"] = new JsonObject { ["FLASH_RESOURCE_NAME"] = "other" };
            CliHarness.Resource(m, "large-temp-storage").Remove("idleTimeout");
            m["network_volumes"]![0]!["size"] = 5;
        });

        Assert.That(ProblemsOf(json), Is.EqualTo(
            """
            The manifest m.json cannot be deployed:
              - network_volumes[0].size: Network volume 'model-cache' is 5 GB; a network volume holds 10 to 4096 GB (FLASH302)
              - resources.global-inference.locations[1]: 'MARS-1' is not a datacenter id; one of EU-RO-1, CA-MTL-1, EU-SE-1, US-IL-1, EUR-IS-1, EU-CZ-1, US-TX-3, EUR-IS-2, US-KS-2, US-GA-2, US-WA-1, US-TX-1, CA-MTL-3, EU-NL-1, US-TX-4, US-CA-2, US-NC-1, OC-AU-1, US-DE-1, EUR-IS-3, CA-MTL-2, AP-JP-1, EUR-NO-1, EU-FR-1, US-KS-3, US-GA-1, US-MO-1, US-MO-2, US-NC-2, US-NE-1
              - resources.inference-api.gpuGroups[1]: 'AMPERE_81' is not a GPU group id; one of any, ADA_24, ADA_32_PRO, ADA_48_PRO, ADA_80_PRO, AMPERE_16, AMPERE_24, AMPERE_48, AMPERE_80, HOPPER_141, BLACKWELL_96, BLACKWELL_180
              - resources.inference-api.env.N: must be a string
              - resources.inference-api.workersMin: Endpoint 'inference-api' keeps at least 9 workers but at most 5; make WorkersMin no larger than WorkersMax (FLASH202)
              - resources.inference-api.scalerType: Endpoint 'inference-api' is load-balanced and has no queue, so it cannot scale by QueueDelay; use ScalerType.RequestCount or leave ScalerType out (FLASH207)
              - resources.large-temp-storage.idleTimeout: missing
              - resources.persistent-storage.env.FLASH_RESOURCE_NAME: Endpoint 'persistent-storage' sets FLASH_RESOURCE_NAME in Env, but flash deploy sets FLASH_RESOURCE_NAME on every worker itself (it names the endpoint, app or environment the worker serves); remove it from Env (FLASH603)
            Rebuild the project (dotnet build) to write it again; docs/manifest.md describes the format.
            """.Replace("\r\n", "\n")));
    }

    [Test]
    public void A_CPU_endpoint_outside_its_datacenter_or_above_its_disk_limit_is_refused()
    {
        var json = Edited(m =>
        {
            var e = CliHarness.Resource(m, "large-temp-storage");
            e.Remove("gpuGroups");
            e.Remove("gpuTypes");
            e.Remove("gpuCount");
            e.Remove("minCudaVersion");
            e["instanceIds"] = new JsonArray("cpu3c-1-2", "cpu5c-8-16");
            e["locations"] = new JsonArray("US-CA-2");
        });

        Assert.That(ProblemsOf(json), Does.Contain("""
              - resources.large-temp-storage.template.containerDiskInGb: Endpoint 'large-temp-storage' asks for a 100 GB container disk, but CPU instance cpu3c-1-2 allows at most 10 GB (10 GB per vCPU); set ContainerDiskInGb to 10 or less, or choose a larger instance (FLASH102)
              - resources.large-temp-storage.locations[0]: CPU endpoint 'large-temp-storage' lists datacenter US-CA-2, but CPU workers run only in EU-RO-1; remove US-CA-2 (FLASH104)
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
              - resources.inference-api.imageName: Endpoint 'inference-api' sets Image to 'bad image name with spaces', which is not a container image reference: it contains a space at position 4; an image reference is [registry/]repository[:tag][@digest] with a lower-case repository, e.g. ghcr.io/you/app:1.0 (FLASH008)
              - resources.word-stream.imageName: Endpoint 'word-stream' sets Image to 'ghcr.io/You/app:1.0', which is not a container image reference: the repository path has upper-case letters in 'You'; repositories are lower case; an image reference is [registry/]repository[:tag][@digest] with a lower-case repository, e.g. ghcr.io/you/app:1.0 (FLASH008)
              - resources.../../evil "name": Endpoint name '../../evil "name"' is not valid: it starts with '.'; an endpoint name has 1 to 63 ASCII letters, digits, '-', '_' or '.', starts with a letter or digit, and differs from the app's other endpoint names in more than case, such as 'image-resize' (FLASH005)
              - resources.Word-Stream: The endpoint name 'Word-Stream' differs only in case from 'word-stream' in this app; endpoint names must differ in more than case, so rename one of them (FLASH007)
              - resources.tab\u0009name: Endpoint name 'tab\u0009name' is not valid: it contains the control or space character U+0009 at position 4; an endpoint name has 1 to 63 ASCII letters, digits, '-', '_' or '.', starts with a letter or digit, and differs from the app's other endpoint names in more than case, such as 'image-resize' (FLASH005)
            Rebuild the project (dotnet build) to write it again; docs/manifest.md describes the format.
            """.Replace("\r\n", "\n")));
    }

    [Test]
    public void Empty_lists_and_functions_that_do_not_fit_the_kind_are_refused()
    {
        var json = Edited(m =>
        {
            CliHarness.Resource(m, "global-inference")["functions"] = new JsonArray();
            CliHarness.Resource(m, "large-temp-storage")["locations"] = new JsonArray();
            CliHarness.Resource(m, "large-temp-storage")["gpuGroups"] = new JsonArray();
            CliHarness.Resource(m, "large-temp-storage")["gpuTypes"] = new JsonArray();
            CliHarness.Resource(m, "word-stream")["instanceIds"] = new JsonArray();
            CliHarness.Resource(m, "inference-api")["functions"]![0]!["http_method"] = null;
            CliHarness.Resource(m, "inference-api")["functions"]![1]!["http_method"] = null;
            CliHarness.Resource(m, "inference-api")["functions"]![1]!["http_path"] = null;
        });

        Assert.That(ProblemsOf(json), Is.EqualTo(
            """
            The manifest m.json cannot be deployed:
              - resources.global-inference.functions: an endpoint needs at least one function
              - resources.inference-api.functions[0]: http_method and http_path are given together or not at all
              - resources.inference-api.functions[1]: a load-balanced endpoint's functions are routes: give http_method and http_path
              - resources.large-temp-storage.locations: an endpoint runs in at least one datacenter
              - resources.large-temp-storage.gpuGroups: a GPU endpoint needs at least one GPU group or GPU type (a CPU endpoint lists instanceIds)
              - resources.word-stream.instanceIds: a CPU endpoint lists at least one CPU instance type
            Rebuild the project (dotnet build) to write it again; docs/manifest.md describes the format.
            """.Replace("\r\n", "\n")));
    }

    [Test]
    public void A_GPU_endpoint_that_chose_no_datacenters_takes_a_volume_anywhere_as_the_build_does()
    {
        var json = Edited(m =>
        {
            var storage = CliHarness.Resource(m, "persistent-storage");
            storage["locations"] = CliHarness.Resource(m, "large-temp-storage")["locations"]!.DeepClone();
        });

        var read = ManifestReader.Parse(json, "m.json");

        Assert.That(read.Endpoints.Single(e => e.Name == "persistent-storage").Volumes.Select(ManifestValues.VolumeKey), Is.EqualTo(new[] { "model-cache@US-GA-2" }));
        var chosen = Edited(m => CliHarness.Resource(m, "persistent-storage")["locations"] = new JsonArray("US-CA-2"));
        Assert.That(ProblemsOf(chosen), Does.Contain(
            "  - resources.persistent-storage.networkVolumes[0]: Endpoint 'persistent-storage' attaches volume 'model-cache' in US-GA-2, but runs only in US-CA-2; " +
            "add US-GA-2 to the endpoint's datacenters or attach a volume in one of them (FLASH303)"));
    }

    [Test]
    public void Fields_the_format_does_not_have_are_named_at_every_level()
    {
        var json = Edited(m =>
        {
            m["generated_at"] = "2026-01-01";
            CliHarness.Resource(m, "word-stream")["gpuIds"] = "AMPERE_24";
            CliHarness.Resource(m, "word-stream")["template"]!["volumeInGb"] = 5;
        });

        Assert.That(ProblemsOf(json), Is.EqualTo(
            """
            The manifest m.json cannot be deployed:
              - generated_at: not a top-level field of a manifest (docs/manifest.md lists them)
              - resources.word-stream.gpuIds: not a field of an endpoint entry (docs/manifest.md lists them)
              - resources.word-stream.template.volumeInGb: not a field of template (docs/manifest.md lists them)
            Rebuild the project (dotnet build) to write it again; docs/manifest.md describes the format.
            """.Replace("\r\n", "\n")));
    }

    [Test]
    public void A_duplicate_key_is_a_JSON_error_not_a_crash()
    {
        var json = CliHarness.SampleManifest.Replace("\"version\": \"2.0\",", "\"version\": \"2.0\", \"version\": \"2.0\",", StringComparison.Ordinal);

        Assert.That(ProblemsOf(json), Does.StartWith("The manifest m.json is not valid JSON (Duplicate property 'version' encountered during deserialization.)"));
    }

    [TestCase("{", "The manifest m.json is not valid JSON")]
    [TestCase("[]", "  - (root): must be a JSON object")]
    [TestCase("""{"version": "2.0", "runtime": "python", "project_name": "", "container": {"registry": null, "repository": null, "tag": null}, "resources": {}, "network_volumes": []}""",
        "  - runtime: 'python' is not a .NET manifest (expected \"dotnet\")\n  - project_name: must not be empty")]
    [TestCase("""{"version": "1.0", "runtime": "dotnet", "project_name": "App", "resources": {}}""",
        "  - version: '1.0' is not the manifest format this flash reads (2.0); a manifest written by another version of Flash needs a rebuild with the Flash.Runtime package that matches this tool\nRebuild")]
    public void Malformed_manifests_are_refused(string json, string expected)
    {
        Assert.That(ProblemsOf(json), Does.Contain(expected));
    }
}
