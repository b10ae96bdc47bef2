using System.Text.Json.Nodes;
using Flash.FakeRunPod.Management;
using Flash.Tests.Infrastructure;

namespace Flash.Tests.Deploy;

/// <summary>flash deploy against the recording fake of RunPod: what is created, what is sent, what is left alone.</summary>
public sealed class DeployTests
{
    [Test]
    public async Task First_deploy_creates_the_volumes_then_the_endpoints_with_their_templates()
    {
        await using var h = await CliHarness.StartAsync();

        var run = await h.DeployAsync();

        Assert.That(h.Fake.Account.Volumes.Select(v => (v.Name, v.DataCenterId, v.Size)), Is.EqualTo(new[]
        {
            ("model-cache", "US-GA-2", 100), ("models-us", "US-CA-2", 100), ("models-eu", "EU-RO-1", 100), ("model-storage", "EU-RO-1", 100),
        }));
        Assert.That(h.Fake.Account.Endpoints.Select(e => e.Name), Is.EqualTo(CliHarness.SampleEndpoints));
        Assert.That(h.Fake.Account.Templates.Select(t => t.Name), Is.EqualTo(CliHarness.SampleEndpoints.Select(n => "flash-Quickstart-" + n)));
        Assert.That(h.Mutations.Select(r => r.Operation), Is.EqualTo(
            Enumerable.Repeat("POST networkvolumes", 4).Concat(Enumerable.Repeat("saveEndpoint", 5)).Concat(Enumerable.Repeat("saveTemplate", 4))),
            "the last endpoint created knows every other id; the four before it learn the later ones with one saveTemplate each");
        Baseline.AssertMatches("Quickstart.deploy-first.requests.json", CliHarness.Transcript(h.Fake.Requests));
        Assert.That(run.Out, Does.Contain("""
            Applying:
              created network volume model-cache in US-GA-2 (vol-0001)
              created network volume models-us in US-CA-2 (vol-0002)
              created network volume models-eu in EU-RO-1 (vol-0003)
              created network volume model-storage in EU-RO-1 (vol-0004)
              created endpoint global-inference (ep-0001)
              created endpoint inference-api (ep-0002)
              created endpoint large-temp-storage (ep-0003)
              created endpoint persistent-storage (ep-0004)
              created endpoint word-stream (ep-0005)
              updated endpoint global-inference (ep-0001): env FLASH_ENDPOINT_INFERENCE_API added; env FLASH_ENDPOINT_LARGE_TEMP_STORAGE added; env FLASH_ENDPOINT_PERSISTENT_STORAGE added; env FLASH_ENDPOINT_WORD_STREAM added
              updated endpoint inference-api (ep-0002): env FLASH_ENDPOINT_LARGE_TEMP_STORAGE added; env FLASH_ENDPOINT_PERSISTENT_STORAGE added; env FLASH_ENDPOINT_WORD_STREAM added
              updated endpoint large-temp-storage (ep-0003): env FLASH_ENDPOINT_PERSISTENT_STORAGE added; env FLASH_ENDPOINT_WORD_STREAM added
              updated endpoint persistent-storage (ep-0004): env FLASH_ENDPOINT_WORD_STREAM added

            Endpoints:
              NAME                CALL
              global-inference    POST https://api.runpod.ai/v2/ep-0001/runsync
              inference-api       POST https://ep-0002.api.runpod.ai/generate
                                  GET https://ep-0002.api.runpod.ai/models
              large-temp-storage  POST https://api.runpod.ai/v2/ep-0003/runsync
              persistent-storage  POST https://api.runpod.ai/v2/ep-0004/runsync
              word-stream         POST https://api.runpod.ai/v2/ep-0005/runsync

            """));
    }

    [Test]
    public async Task Workers_get_their_endpoint_and_app_names_and_the_declared_environment()
    {
        var manifest = JsonNode.Parse(CliHarness.SampleManifest)!.AsObject();
        CliHarness.Resource(manifest, "global-inference")["env"] = new JsonObject { ["MODEL"] = "small", ["HF_HOME"] = "/runpod-volume/hf" };
        await using var h = await CliHarness.StartAsync(manifest.ToJsonString());

        await h.DeployAsync();

        var template = h.Fake.Account.Templates.Single(t => t.Name == "flash-Quickstart-global-inference");
        Assert.That(template.Env, Is.EqualTo(new KeyValuePair<string, string>[]
        {
            new("MODEL", "small"), new("HF_HOME", "/runpod-volume/hf"), new("FLASH_RESOURCE_NAME", "global-inference"), new("FLASH_APP", "Quickstart"),
            new("FLASH_ENDPOINT_INFERENCE_API", "ep-0002"), new("FLASH_ENDPOINT_LARGE_TEMP_STORAGE", "ep-0003"),
            new("FLASH_ENDPOINT_PERSISTENT_STORAGE", "ep-0004"), new("FLASH_ENDPOINT_WORD_STREAM", "ep-0005"),
        }));
        Assert.That(template.ImageName, Is.EqualTo(CliHarness.Image));
        var state = await File.ReadAllTextAsync(h.StatePath);
        Assert.That(state, Does.Not.Contain("small").And.Not.Contain("/runpod-volume/hf"), "the state keeps digests of environment values, not the values");
    }

    [Test]
    public async Task A_state_recorded_before_the_configuration_was_the_payload_plans_no_change()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        var state = JsonNode.Parse(await File.ReadAllTextAsync(h.StatePath))!;
        foreach (var (_, endpoint) in state["endpoints"]!.AsObject())
        {
            // The configuration as flash recorded it before: FlashBoot as a bool, no template ports, a null registry id.
            var config = endpoint!["config"]!.AsObject();
            config["flashboot"] = (string?)config["flashBootType"] == "FLASHBOOT";
            config.Remove("flashBootType");
            config.Remove("template.ports");
            config["template.containerRegistryAuthId"] = null;
            endpoint["configHash"] = "sha256:recorded-by-an-earlier-flash";
        }

        await File.WriteAllTextAsync(h.StatePath, state.ToJsonString());
        h.Fake.ClearRequests();

        var run = await h.DeployAsync();

        Assert.That(h.Mutations, Is.Empty);
        Assert.That(run.Out, Does.Contain("Plan: 0 endpoint(s) to create, 0 to update, 0 to take over, 5 unchanged;"));
    }

    [Test]
    public async Task A_second_deploy_makes_no_mutating_call()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        h.Fake.ClearRequests();

        var run = await h.DeployAsync();

        Assert.That(h.Mutations, Is.Empty);
        Assert.That(h.Fake.Requests.Select(r => r.Operation), Is.EqualTo(new[] { "GET networkvolumes", "myself.endpoints" }));
        Assert.That(run.Out, Does.Contain("Plan: 0 endpoint(s) to create, 0 to update, 0 to take over, 5 unchanged; 0 network volume(s) to create, 0 to reuse. Nothing to change."));
        Assert.That(run.Out, Does.Not.Contain("Applying:"));
    }

    [Test]
    public async Task A_scaling_change_updates_only_that_endpoint_with_one_saveEndpoint()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        h.EditManifest(m => CliHarness.Resource(m, "inference-api")["workersMax"] = 8);
        h.Fake.ClearRequests();

        var plan = await h.RunAsync("plan", "--image", CliHarness.Image);
        var run = await h.DeployAsync();

        Assert.That(plan.Out, Does.Contain("  update     inference-api       LB    GPU ADA_24                            1..8     registry.example.com/quickstart:1.0  workersMax 5 -> 8\n"));
        Assert.That(h.Mutations, Has.Count.EqualTo(1));
        Baseline.AssertMatches("Quickstart.deploy-scaling-change.requests.json", CliHarness.Transcript(h.Mutations));
        Assert.That(h.Fake.Account.Endpoints.Single(e => e.Name == "inference-api").Fields["workersMax"]!.GetValue<int>(), Is.EqualTo(8));
        Assert.That(run.Out, Does.Contain("  updated endpoint inference-api (ep-0002): workersMax 5 -> 8\n"));
    }

    [Test]
    public async Task An_environment_change_sends_only_saveTemplate_and_keeps_the_variables_RunPod_set()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        var template = h.Fake.Account.Templates.Single(t => t.Name == "flash-Quickstart-inference-api");
        h.Fake.Account.SetTemplateVariable(template.Id, "PORT", "80");
        h.EditManifest(m => CliHarness.Resource(m, "inference-api")["env"] = new JsonObject { ["LOG_LEVEL"] = "debug" });
        h.Fake.ClearRequests();

        var run = await h.DeployAsync();

        Assert.That(h.Mutations.Select(r => r.Operation), Is.EqualTo(new[] { "saveTemplate" }));
        Assert.That(h.Mutations[0].Payload!.ToJsonString(), Is.EqualTo(
            """{"id":"tpl-0002","containerDiskInGb":64,"dockerArgs":"","env":[{"key":"LOG_LEVEL","value":"debug"},{"key":"FLASH_RESOURCE_NAME","value":"inference-api"},{"key":"FLASH_APP","value":"Quickstart"},{"key":"FLASH_ENDPOINT_GLOBAL_INFERENCE","value":"ep-0001"},{"key":"FLASH_ENDPOINT_LARGE_TEMP_STORAGE","value":"ep-0003"},{"key":"FLASH_ENDPOINT_PERSISTENT_STORAGE","value":"ep-0004"},{"key":"FLASH_ENDPOINT_WORD_STREAM","value":"ep-0005"},{"key":"PORT","value":"80"}],"imageName":"registry.example.com/quickstart:1.0","name":"flash-Quickstart-inference-api","ports":"","startScript":"","volumeInGb":0}"""));
        Assert.That(run.Out, Does.Contain("  updated endpoint inference-api (ep-0002): env LOG_LEVEL added\n"));
        Assert.That(run.Out, Does.Not.Contain("debug"), "environment values are never shown");

        // Removing the variable again removes it from the template, and PORT stays.
        h.EditManifest(m => CliHarness.Resource(m, "inference-api")["env"] = new JsonObject());
        await h.DeployAsync();
        Assert.That(h.Fake.Account.Templates.Single(t => t.Id == template.Id).Env.Select(kv => kv.Key), Is.EqualTo(new[]
        {
            "FLASH_RESOURCE_NAME", "FLASH_APP", "FLASH_ENDPOINT_GLOBAL_INFERENCE", "FLASH_ENDPOINT_LARGE_TEMP_STORAGE", "FLASH_ENDPOINT_PERSISTENT_STORAGE",
            "FLASH_ENDPOINT_WORD_STREAM", "PORT",
        }));
    }

    [Test]
    public async Task A_new_image_updates_every_template_and_the_plan_says_workers_are_replaced()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        h.Fake.ClearRequests();

        var plan = await h.RunAsync("plan", "--image", "registry.example.com/quickstart:2.0", "--detailed-exitcode");
        var run = await h.RunAsync("deploy", "--yes", "--image", "registry.example.com/quickstart:2.0");

        Assert.That(plan.ExitCode, Is.EqualTo(2), plan.All);
        Assert.That(plan.Out, Does.Contain("imageName \"registry.example.com/quickstart:1.0\" -> \"registry.example.com/quickstart:2.0\"; RunPod replaces the workers"));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        Assert.That(h.Mutations.Select(r => r.Operation), Is.EqualTo(Enumerable.Repeat("saveTemplate", 5)));
        Assert.That(h.Fake.Account.Templates.Select(t => t.ImageName).Distinct(), Is.EqualTo(new[] { "registry.example.com/quickstart:2.0" }));
    }

    [Test]
    public async Task An_endpoint_of_the_account_that_flash_did_not_create_is_never_touched()
    {
        await using var h = await CliHarness.StartAsync();
        var foreign = h.Fake.Account.AddEndpoint("team-chat", "team-chat-template", [new("SECRET_MODE", "on")]);

        await h.DeployAsync();
        var undeploy = await h.RunAsync("undeploy", "--all", "--yes");

        Assert.That(undeploy.ExitCode, Is.EqualTo(0), undeploy.All);
        Assert.That(h.Fake.Account.Endpoints.Select(e => e.Id), Is.EqualTo(new[] { foreign.Id }));
        Assert.That(h.Fake.Account.Templates.Select(t => t.Name), Is.EqualTo(new[] { "team-chat-template" }));
        var mentioning = h.Fake.Requests.Where(r => r.Body.Contains(foreign.Id, StringComparison.Ordinal) || r.Body.Contains(foreign.TemplateId!, StringComparison.Ordinal));
        Assert.That(mentioning, Is.Empty, "no request names the foreign endpoint or its template");
    }

    [Test]
    public async Task An_endpoint_of_the_same_name_that_flash_did_not_create_blocks_the_deploy_and_stays_untouched()
    {
        await using var h = await CliHarness.StartAsync();
        var foreign = h.Fake.Account.AddEndpoint("inference-api", "hand-made", [new("FLASH_RESOURCE_NAME", "inference-api")]);

        var plan = await h.RunAsync("plan", "--image", CliHarness.Image);
        var deploy = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image);
        var undeploy = await h.RunAsync("undeploy", "inference-api", "--yes");

        Assert.That(plan.ExitCode, Is.EqualTo(1));
        Assert.That(plan.Out, Does.Contain(
            $"  CONFLICT  inference-api       LB    GPU ADA_24                            1..5     registry.example.com/quickstart:1.0  endpoint {foreign.Id} of the account has this name and was not made by flash for Quickstart; flash leaves it alone\n"));
        Assert.That(plan.Out, Does.Contain(
            "Blocked: inference-api cannot be deployed while an endpoint flash did not make has the same name. Rename yours, or remove the other in the RunPod console."));
        Assert.That(deploy.ExitCode, Is.EqualTo(1));
        Assert.That(deploy.Error, Is.EqualTo("error: nothing was changed.\n"));
        Assert.That(undeploy.ExitCode, Is.EqualTo(1));
        Assert.That(undeploy.Error, Is.EqualTo(
            "error: flash did not deploy an endpoint named 'inference-api' from here (it is not in .flash/state.json), so it leaves it alone: flash deletes only endpoints it created.\n"));
        Assert.That(h.Mutations, Is.Empty);
        Assert.That(h.Fake.Account.Endpoints.Select(e => e.Id), Is.EqualTo(new[] { foreign.Id }));
    }

    [Test]
    public async Task A_failure_half_way_leaves_a_consistent_state_and_a_rerun_completes()
    {
        await using var h = await CliHarness.StartAsync();
        h.Fake.Fail("saveEndpoint", FailureMode.ServerError, skip: 2);

        var failed = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image);

        Assert.That(failed.ExitCode, Is.EqualTo(1));
        Assert.That(failed.Error, Is.EqualTo(
            "error: endpoint large-temp-storage: creating it failed: saveEndpoint (create) failed: HTTP 500 Internal Server Error: Internal server error (injected) " +
            "(not retried: repeating it could create a second resource)\n" +
            "Deploy stopped here. .flash/state.json records everything done before; run flash deploy again to resume.\n"));
        Assert.That(h.Mutations.Count(r => r.Operation == "saveEndpoint"), Is.EqualTo(3), "a failed create is sent once");
        var state = JsonNode.Parse(await File.ReadAllTextAsync(h.StatePath))!;
        Assert.That(state["endpoints"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "global-inference", "inference-api" }));
        Assert.That(state["volumes"]!.AsArray(), Has.Count.EqualTo(4));

        h.Fake.ClearRequests();
        await h.DeployAsync();

        Assert.That(h.Mutations.Select(r => (r.Operation, r.Payload?["name"]?.GetValue<string>())), Is.EqualTo(new[]
        {
            ("saveEndpoint", "large-temp-storage"), ("saveEndpoint", "persistent-storage"), ("saveEndpoint", "word-stream"),
            ("saveTemplate", "flash-Quickstart-global-inference"), ("saveTemplate", "flash-Quickstart-inference-api"),
            ("saveTemplate", "flash-Quickstart-large-temp-storage"), ("saveTemplate", "flash-Quickstart-persistent-storage"),
        }), "then the endpoints created earlier learn the ids of the ones created after them");
        Assert.That(h.Fake.Account.Endpoints.Select(e => e.Name), Is.EqualTo(CliHarness.SampleEndpoints));
        Assert.That(h.Fake.Account.Volumes, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task A_create_whose_answer_was_lost_is_found_by_name_on_the_rerun_and_not_created_twice()
    {
        await using var h = await CliHarness.StartAsync();
        h.Fake.Fail("saveEndpoint", FailureMode.ServerErrorAfterApplying, skip: 2);

        var failed = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image);
        h.Fake.ClearRequests();
        var rerun = await h.DeployAsync();

        Assert.That(failed.ExitCode, Is.EqualTo(1));
        Assert.That(rerun.Out, Does.Contain("  take over  large-temp-storage  QB"));
        Assert.That(rerun.Out, Does.Contain("  took over endpoint large-temp-storage (ep-0003) and sent its configuration\n"));
        Assert.That(h.Mutations.Select(r => (r.Operation, r.Payload?["id"]?.GetValue<string>(), r.Payload?["name"]?.GetValue<string>())), Is.EqualTo(new (string, string?, string?)[]
        {
            ("saveEndpoint", null, "persistent-storage"), ("saveEndpoint", null, "word-stream"),
            ("saveTemplate", "tpl-0001", "flash-Quickstart-global-inference"), ("saveTemplate", "tpl-0002", "flash-Quickstart-inference-api"),
            ("saveEndpoint", "ep-0003", "large-temp-storage"), ("saveTemplate", "tpl-0003", "flash-Quickstart-large-temp-storage"),
            ("saveTemplate", "tpl-0004", "flash-Quickstart-persistent-storage"),
        }), "new endpoints first, then, with every id known, the others and the one taken over");
        Assert.That(h.Fake.Account.Endpoints.Select(e => e.Name), Is.EqualTo(CliHarness.SampleEndpoints));
    }

    [Test]
    public async Task Reads_are_retried_after_a_server_error()
    {
        await using var h = await CliHarness.StartAsync();
        h.Fake.Fail("myself.endpoints");
        h.Fake.Fail("GET networkvolumes");

        await h.DeployAsync();

        Assert.That(h.Fake.Requests.Count(r => r.Operation == "myself.endpoints"), Is.EqualTo(2));
        Assert.That(h.Fake.Requests.Count(r => r.Operation == "GET networkvolumes"), Is.EqualTo(2));
        Assert.That(h.Fake.Account.Endpoints, Has.Count.EqualTo(5));
    }

    [Test]
    public async Task A_checkout_without_state_finds_its_resources_by_name_and_creates_nothing()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        Directory.Delete(Path.Combine(h.AppDirectory, ".flash"), recursive: true);
        h.Fake.ClearRequests();

        var plan = await h.RunAsync("plan", "--image", CliHarness.Image);
        await h.DeployAsync();
        h.Fake.ClearRequests();
        var third = await h.DeployAsync();

        Assert.That(plan.Out, Does.Contain("Plan: 0 endpoint(s) to create, 0 to update, 5 to take over, 0 unchanged; 0 network volume(s) to create, 4 to reuse."));
        Assert.That(h.Fake.Account.Endpoints.Select(e => e.Name), Is.EqualTo(CliHarness.SampleEndpoints));
        Assert.That(h.Fake.Account.Volumes, Has.Count.EqualTo(4));
        Assert.That(h.Fake.Account.Templates, Has.Count.EqualTo(5));
        Assert.That(h.Mutations, Is.Empty, "after taking over, the next deploy has nothing to do");
        Assert.That(third.Out, Does.Contain("Nothing to change."));
    }

    [Test]
    public async Task An_endpoint_deleted_outside_flash_is_created_again()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        h.Fake.Account.RemoveEndpoint("ep-0001");
        h.Fake.ClearRequests();

        var run = await h.DeployAsync();

        Assert.That(run.Out, Does.Contain("endpoint ep-0001 was deleted outside flash; it will be created again"));
        Assert.That(h.Mutations.Select(r => (r.Operation, r.Payload?["name"]?.GetValue<string>())), Is.EqualTo(new[]
        {
            ("saveEndpoint", "global-inference"), ("saveTemplate", "flash-Quickstart-inference-api"), ("saveTemplate", "flash-Quickstart-large-temp-storage"),
            ("saveTemplate", "flash-Quickstart-persistent-storage"), ("saveTemplate", "flash-Quickstart-word-stream"),
        }), "the others get its new id");
        Assert.That(h.Fake.Account.Endpoints.Select(e => e.Name).Order(), Is.EqualTo(CliHarness.SampleEndpoints));
        var recreated = h.Fake.Account.Endpoints.Single(e => e.Name == "global-inference").Id;
        Assert.That(h.Fake.Account.Templates.Where(t => t.Name != "flash-Quickstart-global-inference").Select(t => t.Env.Single(kv => kv.Key == "FLASH_ENDPOINT_GLOBAL_INFERENCE").Value),
            Is.All.EqualTo(recreated));
    }

    [Test]
    public async Task An_existing_volume_with_the_same_name_and_datacenter_is_reused_not_created()
    {
        await using var h = await CliHarness.StartAsync();
        var existing = h.Fake.Account.AddVolume("models-eu", "EU-RO-1", 250);
        h.Fake.Account.AddVolume("models-eu", "US-CA-2", 100);

        var run = await h.DeployAsync();

        Assert.That(run.Out, Does.Contain(
            $"  reuse   models-eu      EU-RO-1     100 GB  {existing.Id}   exists with this name and datacenter; it has 250 GB, 100 GB declared (flash never resizes volumes)\n"));
        Assert.That(h.Mutations.Count(r => r.Operation == "POST networkvolumes"), Is.EqualTo(3));
        var globalInference = h.Mutations.Single(r => r.Payload?["name"]?.GetValue<string>() == "global-inference");
        Assert.That(globalInference.Payload!["networkVolumeIds"]!.ToJsonString(), Is.EqualTo($$"""[{"networkVolumeId":"vol-0004"},{"networkVolumeId":"{{existing.Id}}"}]"""));
    }

    [Test]
    public async Task Deploy_asks_before_changing_anything_and_no_means_nothing_changes()
    {
        await using var h = await CliHarness.StartAsync();

        var declined = await h.RunWithInputAsync("n\n", "deploy", "--image", CliHarness.Image);
        var noInput = await h.RunWithInputAsync("", "deploy", "--image", CliHarness.Image);
        Assert.That(h.Mutations, Is.Empty);
        var accepted = await h.RunWithInputAsync("y\n", "deploy", "--image", CliHarness.Image);

        Assert.That(declined.ExitCode, Is.EqualTo(1));
        Assert.That(declined.Out, Does.EndWith("Deploy these changes to RunPod? [y/N] \nNothing was changed.\n"));
        Assert.That(noInput.ExitCode, Is.EqualTo(1));
        Assert.That(accepted.ExitCode, Is.EqualTo(0), accepted.All);
        Assert.That(h.Fake.Account.Endpoints, Has.Count.EqualTo(5));
    }

    [Test]
    public async Task Undeploy_deletes_what_flash_created_and_never_a_volume()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        h.Fake.ClearRequests();

        var one = await h.RunAsync("undeploy", "inference-api", "--yes");
        var rest = await h.RunAsync("undeploy", "--all", "--yes");
        var again = await h.RunAsync("undeploy", "--all", "--yes");

        Assert.That(one.ExitCode, Is.EqualTo(0), one.All);
        Assert.That(one.Out, Is.EqualTo(
            "To delete: inference-api (ep-0002)\n" +
            "  deleted endpoint inference-api (ep-0002)\n" +
            "Network volumes are never deleted by flash (RunPod requires deleting them by hand, in the console): model-cache (vol-0001), models-us (vol-0002), models-eu (vol-0003), model-storage (vol-0004)\n"));
        Assert.That(rest.ExitCode, Is.EqualTo(0), rest.All);
        Assert.That(h.Mutations.Select(r => r.Operation).Distinct(), Is.EqualTo(new[] { "deleteEndpoint", "deleteTemplate" }));
        Assert.That(h.Fake.Requests.Where(r => r.Path.Contains("networkvolumes", StringComparison.Ordinal)), Is.Empty);
        Assert.That(h.Fake.Account.Endpoints, Is.Empty);
        Assert.That(h.Fake.Account.Templates, Is.Empty);
        Assert.That(h.Fake.Account.Volumes, Has.Count.EqualTo(4));
        Assert.That(again.Out, Is.EqualTo("Nothing to undeploy: no endpoint is recorded in .flash/state.json.\n"));
    }

    [Test]
    public async Task Undeploy_needs_a_name_or_all()
    {
        await using var h = await CliHarness.StartAsync();

        var neither = await h.RunAsync("undeploy");
        var both = await h.RunAsync("undeploy", "x", "--all");

        Assert.That(neither.ExitCode, Is.EqualTo(1));
        Assert.That(neither.Error, Is.EqualTo("error: Name one endpoint (flash undeploy NAME) or pass --all, not both.\n"));
        Assert.That(both.Error, Is.EqualTo(neither.Error));
    }

    [Test]
    public async Task Status_shows_the_recorded_resources_as_RunPod_has_them()
    {
        await using var h = await CliHarness.StartAsync();
        var before = await h.RunAsync("status");
        await h.DeployAsync();
        h.Fake.Account.RemoveEndpoint("ep-0004");

        var status = await h.RunAsync("status");

        Assert.That(before.Out, Is.EqualTo("Nothing deployed from here (.flash/state.json records no resource).\n"));
        Baseline.AssertMatches("Quickstart.status.txt", status.Out);
        Assert.That(status.Out, Does.Contain("  persistent-storage  QB    ep-0004      missing (deleted outside flash)"));
    }

    [Test]
    public async Task A_second_deploy_while_one_holds_the_lock_fails_clearly()
    {
        await using var h = await CliHarness.StartAsync();
        Directory.CreateDirectory(Path.Combine(h.AppDirectory, ".flash"));
        using var held = new FileStream(Path.Combine(h.AppDirectory, ".flash", "state.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var run = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Is.EqualTo(
            "error: Another flash command is changing this app's resources (.flash/state.lock is locked). Wait for it to finish, then run this again.\n"));
        Assert.That(h.Fake.Requests, Is.Empty);
    }

    [Test]
    public async Task The_state_is_written_whole_and_holds_ids_hashes_and_ownership()
    {
        await using var h = await CliHarness.StartAsync();

        await h.DeployAsync();

        Assert.That(Directory.GetFiles(Path.Combine(h.AppDirectory, ".flash")).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "state.json", "state.lock" }));
        var state = JsonNode.Parse(await File.ReadAllTextAsync(h.StatePath))!;
        var endpoint = state["endpoints"]!["inference-api"]!;
        Assert.That(endpoint["id"]!.GetValue<string>(), Is.EqualTo("ep-0002"));
        Assert.That(endpoint["templateId"]!.GetValue<string>(), Is.EqualTo("tpl-0002"));
        Assert.That(endpoint["origin"]!.GetValue<string>(), Is.EqualTo("created"));
        Assert.That(endpoint["configHash"]!.GetValue<string>(), Does.Match("^sha256:[0-9a-f]{64}$"));
        Assert.That(endpoint["volumeIds"]!.ToJsonString(), Is.EqualTo("""["vol-0004"]"""));
        Assert.That(endpoint["routes"]!.ToJsonString(), Is.EqualTo("""["POST /generate","GET /models"]"""));
        Assert.That(state["volumes"]![0]!.ToJsonString(), Is.EqualTo(
            """{"key":"model-cache@US-GA-2","name":"model-cache","dataCenterId":"US-GA-2","id":"vol-0001","origin":"created"}"""));
    }

    [Test]
    public async Task An_app_without_endpoints_creates_its_volumes_and_says_that_nothing_runs()
    {
        var manifest = JsonNode.Parse(CliHarness.SampleManifest)!.AsObject();
        manifest["resources"] = new JsonObject();
        await using var h = await CliHarness.StartAsync(manifest.ToJsonString());

        var run = await h.RunAsync("deploy", "--yes");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        Assert.That(run.Out, Does.Contain("Endpoints\n  (none: the manifest declares no endpoint, so there is nothing to run)\n"));
        Assert.That(run.Out, Does.EndWith("\nNo endpoint deployed: the manifest declares none.\n"));
        Assert.That(h.Mutations.Select(r => r.Operation), Is.EqualTo(Enumerable.Repeat("POST networkvolumes", 4)));
    }

    [Test]
    public async Task A_volume_whose_create_answer_was_lost_is_reused_on_the_rerun()
    {
        await using var h = await CliHarness.StartAsync();
        h.Fake.Fail("POST networkvolumes", FailureMode.ServerErrorAfterApplying, skip: 1);

        var failed = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image);
        var rerun = await h.DeployAsync();

        Assert.That(failed.ExitCode, Is.EqualTo(1));
        Assert.That(failed.Error, Does.StartWith("error: network volume models-us in US-CA-2: creating it failed: "));
        Assert.That(rerun.Out, Does.Contain("  using existing network volume models-us in US-CA-2 (vol-0002)\n"));
        Assert.That(h.Fake.Account.Volumes.Select(v => v.Name), Is.EqualTo(new[] { "model-cache", "models-us", "models-eu", "model-storage" }));
    }

    [Test]
    public async Task An_update_that_failed_on_the_server_is_sent_again_because_it_is_safe_to_repeat()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        h.EditManifest(m => CliHarness.Resource(m, "persistent-storage")["scalerValue"] = 2);
        h.Fake.ClearRequests();
        h.Fake.Fail("saveEndpoint", FailureMode.ServerError);

        await h.DeployAsync();

        Assert.That(h.Mutations.Select(r => (r.Operation, r.Payload?["id"]?.GetValue<string>())), Is.EqualTo(new[] { ("saveEndpoint", "ep-0004"), ("saveEndpoint", "ep-0004") }));
        Assert.That(h.Fake.Account.Endpoints.Single(e => e.Id == "ep-0004").Fields["scalerValue"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task Undeploying_an_endpoint_already_deleted_outside_flash_forgets_it()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        h.Fake.Account.RemoveEndpoint("ep-0003");

        var run = await h.RunAsync("undeploy", "large-temp-storage", "--yes");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        Assert.That(run.Out, Does.Contain("  endpoint large-temp-storage (ep-0003) was already gone\n"));
        Assert.That(JsonNode.Parse(await File.ReadAllTextAsync(h.StatePath))!["endpoints"]!.AsObject().Select(e => e.Key),
            Is.EqualTo(new[] { "global-inference", "inference-api", "persistent-storage", "word-stream" }));
        Assert.That(h.Fake.Account.Templates.Select(t => t.Name), Does.Not.Contain("flash-Quickstart-large-temp-storage"));
    }
}
