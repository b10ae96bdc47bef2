using Flash.Tests.Infrastructure;

namespace Flash.Tests.Deploy;

/// <summary>flash plan: the table it prints, its exit codes, and that it changes nothing.</summary>
public sealed class PlanTests
{
    [Test]
    public async Task Plan_on_the_sample_prints_a_table_of_volumes_and_endpoints()
    {
        await using var h = await CliHarness.StartAsync();

        var run = await h.RunAsync("plan", "--image", CliHarness.Image);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        Assert.That(run.Error, Is.Empty);
        Baseline.AssertMatches("Quickstart.plan.txt", run.Out);
        Assert.That(h.Mutations, Is.Empty);
        Assert.That(File.Exists(h.StatePath), Is.False, "plan writes no state");
    }

    [Test]
    public async Task Detailed_exitcode_is_2_with_changes_0_without_and_1_on_error()
    {
        await using var h = await CliHarness.StartAsync();

        var before = await h.RunAsync("plan", "--image", CliHarness.Image, "--detailed-exitcode");
        await h.DeployAsync();
        var after = await h.RunAsync("plan", "--image", CliHarness.Image, "--detailed-exitcode");
        var plain = await h.RunAsync("plan", "--image", "registry.example.com/quickstart:2.0");
        var broken = await h.RunAsync("plan", "--image", CliHarness.Image, "--detailed-exitcode", "--manifest", "missing.json");

        Assert.That(before.ExitCode, Is.EqualTo(2), before.All);
        Assert.That(after.ExitCode, Is.EqualTo(0), after.All);
        Assert.That(after.Out, Does.EndWith("Nothing to change.\n"));
        Assert.That(plain.ExitCode, Is.EqualTo(0), "without --detailed-exitcode changes are not an error");
        Assert.That(broken.ExitCode, Is.EqualTo(1));
        Assert.That(broken.Error, Is.EqualTo("error: No manifest at missing.json. Build the project (dotnet build) to write it, or correct the --manifest path.\n"));
    }

    [Test]
    public async Task Offline_plan_needs_no_key_and_asks_RunPod_nothing()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        h.EditManifest(m => CliHarness.Resource(m, "global-inference")["idleTimeout"] = 120);
        h.Variables.Remove("RUNPOD_API_KEY");
        h.Fake.ClearRequests();

        var online = await h.RunAsync("plan", "--image", CliHarness.Image);
        var offline = await h.RunAsync("plan", "--image", CliHarness.Image, "--offline", "--detailed-exitcode");

        Assert.That(online.ExitCode, Is.EqualTo(1));
        Assert.That(online.Error, Is.EqualTo(
            "error: No RunPod API key: set RUNPOD_API_KEY, or put api_key under [default] in ~/.runpod/config.toml. " +
            "(flash plan --offline compares with .flash/state.json without it.)\n"));
        Assert.That(offline.ExitCode, Is.EqualTo(2), offline.All);
        Assert.That(offline.Out, Does.StartWith("Plan for app Quickstart: manifest flash_manifest.json, state .flash/state.json\nOffline: compared with .flash/state.json only;"));
        Assert.That(offline.Out, Does.Contain("  update     global-inference    QB    GPU AMPERE_80,-NVIDIA A100-SXM4-80GB  0..1     registry.example.com/quickstart:1.0  idleTimeout 60 -> 120\n"));
        Assert.That(h.Fake.Requests, Is.Empty);
    }

    [Test]
    public async Task Without_an_image_plan_says_where_one_comes_from()
    {
        await using var h = await CliHarness.StartAsync();

        var run = await h.RunAsync("plan");
        var both = await h.RunAsync("plan", "--image", "a:1", "--container-registry", "ghcr.io");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Is.EqualTo(
            "error: No container image for global-inference, inference-api, large-temp-storage, persistent-storage, word-stream. Set Image on the [Endpoint], " +
            "or pass --image IMAGE, or the values given to dotnet publish -t:PublishContainer: --container-registry, --container-repository " +
            "(default: the assembly name in lower case) and --container-image-tag (default: latest).\n"));
        Assert.That(both.Error, Is.EqualTo("error: Pass either --image or the --container-* options (registry, repository, tag), not both.\n"));
        Assert.That(h.Fake.Requests, Is.Empty);
    }

    private const string ImageForm = "an image reference is [registry/]repository[:tag][@digest] with a lower-case repository, e.g. ghcr.io/you/app:1.0 (FLASH008)";

    [TestCase("--image|bad image name with spaces",
        "--image: 'bad image name with spaces' is not a container image reference: it contains a space at position 4; " + ImageForm)]
    [TestCase("--image|",
        "--image: '' is not a container image reference: it is empty; " + ImageForm)]
    [TestCase("--container-registry|ghcr.io|--container-repository|You/App",
        "--container-registry, --container-repository, --container-image-tag: 'ghcr.io/You/App:latest' is not a container image reference: " +
        "the repository path has upper-case letters in 'You'; repositories are lower case; " + ImageForm)]
    [TestCase("--container-registry|ghcr.io/|--container-image-tag|-rc1",
        "--container-registry, --container-repository, --container-image-tag: 'ghcr.io/quickstart:-rc1' is not a container image reference: " +
        "the tag '-rc1' is not 1 to 128 letters, digits, '_', '.' or '-' starting with a letter, digit or '_'; " + ImageForm)]
    public async Task An_image_from_the_options_that_is_not_a_reference_is_refused_naming_the_options(string options, string message)
    {
        await using var h = await CliHarness.StartAsync();

        var plan = await h.RunAsync(["plan", .. options.Split('|')]);
        var deploy = await h.RunAsync(["deploy", "--yes", .. options.Split('|')]);

        Assert.That(plan.ExitCode, Is.EqualTo(1));
        Assert.That(plan.Error, Is.EqualTo("error: " + message + "\n"));
        Assert.That(deploy.Error, Is.EqualTo(plan.Error));
        Assert.That(h.Fake.Requests, Is.Empty);
        Assert.That(Directory.Exists(Path.Combine(h.AppDirectory, ".flash")), Is.False);
    }

    [Test]
    public async Task An_image_from_the_manifests_container_entry_that_is_not_a_reference_is_refused_naming_the_entry()
    {
        await using var h = await CliHarness.StartAsync();
        h.EditManifest(m => m["container"] = new System.Text.Json.Nodes.JsonObject { ["registry"] = "ghcr.io", ["repository"] = "you//app", ["tag"] = "1.0" });

        var run = await h.RunAsync("plan", "--offline");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Is.EqualTo(
            "error: container (the project's ContainerRegistry, ContainerRepository, ContainerImageTag): 'ghcr.io/you//app:1.0' is not a container image reference: " +
            "the repository path has an empty component (a '/' at the start or end, or '//'); " + ImageForm + "\n"));
    }

    [Test]
    public async Task A_hand_edited_manifest_with_an_invalid_name_and_image_deploys_nothing()
    {
        await using var h = await CliHarness.StartAsync();
        h.EditManifest(m =>
        {
            var resources = m["resources"]!.AsObject();
            var endpoint = resources["word-stream"]!;
            resources.Remove("word-stream");
            endpoint["imageName"] = "bad image name with spaces";
            resources["../../evil \"name\""] = endpoint;
        });

        var run = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.Contain("\n  - resources.../../evil \"name\".imageName: Endpoint '../../evil \"name\"' sets Image to 'bad image name with spaces', which is not a container image reference: it contains a space at position 4; "));
        Assert.That(run.Error, Does.Contain("\n  - resources.../../evil \"name\": Endpoint name '../../evil \"name\"' is not valid: it starts with '.'; "));
        Assert.That(run.All, Does.Not.Contain("   at "));
        Assert.That(h.Fake.Requests, Is.Empty);
        Assert.That(Directory.Exists(Path.Combine(h.AppDirectory, ".flash")), Is.False);
    }

    [Test]
    public async Task The_built_manifest_is_found_under_bin_and_different_ones_must_be_chosen_between()
    {
        await using var h = await CliHarness.StartAsync();
        var debug = Path.Combine(Directory.CreateDirectory(Path.Combine(h.AppDirectory, "bin", "Debug", "net10.0", "flash")).FullName, "flash_manifest.json");
        var release = Path.Combine(Directory.CreateDirectory(Path.Combine(h.AppDirectory, "bin", "Release", "net10.0", "flash")).FullName, "flash_manifest.json");
        File.Move(h.ManifestPath, debug);

        var one = await h.RunAsync("plan", "--offline", "--image", CliHarness.Image);
        File.Copy(debug, release);
        var same = await h.RunAsync("plan", "--offline", "--image", CliHarness.Image);
        File.WriteAllText(release, File.ReadAllText(debug).Replace("\"workersMax\": 5", "\"workersMax\": 6", StringComparison.Ordinal));
        var different = await h.RunAsync("plan", "--offline", "--image", CliHarness.Image);

        Assert.That(one.ExitCode, Is.EqualTo(0), one.All);
        Assert.That(one.Out, Does.StartWith("Plan for app Quickstart: manifest bin/Debug/net10.0/flash/flash_manifest.json, state .flash/state.json (none yet)\n"));
        Assert.That(same.ExitCode, Is.EqualTo(0), same.All);
        Assert.That(different.ExitCode, Is.EqualTo(1));
        Assert.That(different.Error, Is.EqualTo(
            "error: Several different manifests were built here; choose one with --manifest:\n" +
            "  bin/Debug/net10.0/flash/flash_manifest.json\n" +
            "  bin/Release/net10.0/flash/flash_manifest.json\n"));
    }

    [Test]
    public async Task A_state_of_another_app_is_refused()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        h.EditManifest(m => m["project_name"] = "Other");

        var run = await h.RunAsync("plan", "--image", CliHarness.Image);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Is.EqualTo(
            "error: The state in .flash/ belongs to app 'Quickstart', the manifest to 'Other'. Run flash from the directory of the app it deployed, or pass that app's --manifest.\n"));
    }

    [Test]
    public async Task Endpoints_removed_from_the_manifest_are_listed_and_left_alone()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        h.EditManifest(m => m["resources"]!.AsObject().Remove("large-temp-storage"));
        h.Fake.ClearRequests();

        var run = await h.DeployAsync();

        Assert.That(run.Out, Does.Contain("Deployed from here but no longer in the manifest (left alone; `flash undeploy NAME` deletes one):\n  large-temp-storage\n"));
        Assert.That(h.Mutations.Select(r => (r.Operation, r.Payload?["id"]?.GetValue<string>())), Is.EqualTo(new[]
        {
            ("saveTemplate", "tpl-0001"), ("saveTemplate", "tpl-0002"), ("saveTemplate", "tpl-0004"), ("saveTemplate", "tpl-0005"),
        }), "the endpoint itself is not touched; only the others' templates change, to drop its id");
        Assert.That(h.Fake.Account.Endpoints, Has.Count.EqualTo(5));
    }
}
