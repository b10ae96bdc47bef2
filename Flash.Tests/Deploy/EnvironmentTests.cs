using System.Text.Json.Nodes;

namespace Flash.Tests.Deploy;

/// <summary>Deployment environments (<c>--env NAME</c>): each its own endpoints, templates and state; production as before.</summary>
public sealed class EnvironmentTests
{
    [Test]
    public async Task Staging_deploys_beside_production_with_its_own_endpoints_templates_and_state_and_shares_the_volumes()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        var productionState = await File.ReadAllTextAsync(h.StatePath);
        var requestsBefore = h.Fake.Requests.Count;

        var staging = await h.DeployAsync("staging");

        Assert.That(h.Fake.Account.Endpoints.Select(e => e.Name), Is.EqualTo(CliHarness.SampleEndpoints.Concat(CliHarness.SampleEndpoints.Select(n => n + "-staging"))));
        Assert.That(h.Fake.Account.Templates.Select(t => t.Name),
            Is.EqualTo(CliHarness.SampleEndpoints.Select(n => "flash-Quickstart-" + n).Concat(CliHarness.SampleEndpoints.Select(n => $"flash-Quickstart-{n}-staging"))));
        Assert.That(h.Fake.Account.Volumes, Has.Count.EqualTo(4), "the environments share the app's network volumes");
        Assert.That(h.Fake.Requests.Skip(requestsBefore).Where(r => r.IsMutation).Select(r => r.Operation).Distinct(), Is.EqualTo(new[] { "saveEndpoint", "saveTemplate" }));
        var template = h.Fake.Account.Templates.Single(t => t.Name == "flash-Quickstart-global-inference-staging");
        Assert.That(template.Env, Is.EqualTo(new KeyValuePair<string, string>[]
        {
            new("FLASH_RESOURCE_NAME", "global-inference"), new("FLASH_APP", "Quickstart"), new("FLASH_ENVIRONMENT", "staging"),
            new("FLASH_ENDPOINT_INFERENCE_API", "ep-0007"), new("FLASH_ENDPOINT_LARGE_TEMP_STORAGE", "ep-0008"),
            new("FLASH_ENDPOINT_PERSISTENT_STORAGE", "ep-0009"), new("FLASH_ENDPOINT_WORD_STREAM", "ep-0010"),
        }), "a staging endpoint calls the staging endpoints");
        Assert.That(h.Fake.Account.Templates.Single(t => t.Name == "flash-Quickstart-global-inference").Env.Select(kv => kv.Key),
            Does.Not.Contain("FLASH_ENVIRONMENT"), "production is deployed as before environments existed");
        Assert.That(await File.ReadAllTextAsync(h.StatePath), Is.EqualTo(productionState));
        Assert.That(StateEndpointIds(h, "staging"), Is.EqualTo(new[] { "ep-0006", "ep-0007", "ep-0008", "ep-0009", "ep-0010" }));
        Assert.That(staging.Out, Does.StartWith("Deploy for app Quickstart, environment staging: manifest flash_manifest.json, state .flash/staging/state.json (none yet)\n"));
        Assert.That(staging.Out, Does.Contain("  global-inference    POST https://api.runpod.ai/v2/ep-0006/runsync\n"));
    }

    [Test]
    public async Task A_change_deployed_to_staging_sends_nothing_about_production_which_still_plans_it()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        await h.DeployAsync("staging");
        var production = ProductionSnapshot(h);
        var requestsBefore = h.Fake.Requests.Count;

        h.EditManifest(m => CliHarness.Resource(m, "inference-api")["workersMax"] = 8);
        var staging = await h.DeployAsync("staging");
        var productionPlan = await h.RunAsync("plan", "--image", CliHarness.Image, "--detailed-exitcode");

        var stagingChanges = h.Fake.Requests.Skip(requestsBefore).Where(r => r.IsMutation).ToList();
        Assert.That(stagingChanges.Select(r => (r.Operation, r.Payload?["id"]?.GetValue<string>(), r.Payload?["name"]?.GetValue<string>())),
            Is.EqualTo(new[] { ("saveEndpoint", "ep-0007", "inference-api-staging") }));
        Assert.That(staging.Out, Does.Contain("  updated endpoint inference-api (ep-0007): workersMax 5 -> 8\n"));
        Assert.That(ProductionSnapshot(h), Is.EqualTo(production));
        Assert.That(productionPlan.ExitCode, Is.EqualTo(2), productionPlan.All);
        Assert.That(productionPlan.Out, Does.Contain("workersMax 5 -> 8"));
    }

    [Test]
    public async Task Undeploying_staging_deletes_only_its_endpoints_and_templates_and_production_plans_no_change()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        await h.DeployAsync("staging");
        var production = ProductionSnapshot(h);

        var undeploy = await h.RunAsync("undeploy", "--all", "--yes", "--env", "staging");
        var productionPlan = await h.RunAsync("plan", "--image", CliHarness.Image, "--detailed-exitcode");
        var stagingStatus = await h.RunAsync("status", "--env", "staging");

        Assert.That(undeploy.ExitCode, Is.EqualTo(0), undeploy.All);
        Assert.That(h.Fake.Account.Endpoints.Select(e => e.Name), Is.EqualTo(CliHarness.SampleEndpoints));
        Assert.That(h.Fake.Account.Templates.Select(t => t.Name), Is.EqualTo(CliHarness.SampleEndpoints.Select(n => "flash-Quickstart-" + n)));
        Assert.That(h.Fake.Account.Volumes, Has.Count.EqualTo(4), "undeploy never deletes a volume");
        Assert.That(ProductionSnapshot(h), Is.EqualTo(production));
        Assert.That(productionPlan.ExitCode, Is.EqualTo(0), productionPlan.All);
        Assert.That(StateEndpointIds(h, "staging"), Is.Empty);
        Assert.That(stagingStatus.Out, Does.StartWith("App Quickstart, environment staging (state .flash/staging/state.json)\n"));
    }

    [Test]
    public async Task With_own_volumes_an_environment_creates_and_attaches_volumes_of_its_own_and_keeps_them_without_being_asked_again()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        var production = ProductionSnapshot(h);
        var productionVolumes = h.Fake.Account.Volumes.ToList();

        var first = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image, "--env", "staging", "--own-volumes");
        var again = await h.RunAsync("plan", "--image", CliHarness.Image, "--env", "staging", "--detailed-exitcode");

        Assert.That(first.ExitCode, Is.EqualTo(0), first.All);
        Assert.That(first.Out, Does.Contain("Plan: 5 endpoint(s) to create, 0 to update, 0 to take over, 0 unchanged; 4 network volume(s) to create, 0 to reuse.\n"));
        Assert.That(h.Fake.Account.Volumes.Skip(4).Select(v => (v.Name, v.DataCenterId)),
            Is.EqualTo(productionVolumes.Select(v => (v.Name + "-staging", v.DataCenterId))), "one volume of its own per declared volume, in the same datacenter");
        var ownIds = h.Fake.Account.Volumes.Skip(4).ToDictionary(v => v.Name, v => v.Id);
        var globalInference = h.Fake.Account.Endpoints.Single(e => e.Name == "global-inference-staging").Fields;
        Assert.That(globalInference["networkVolumeIds"]!.AsArray().Select(v => v!["networkVolumeId"]!.GetValue<string>()),
            Is.EqualTo(new[] { ownIds["models-us-staging"], ownIds["models-eu-staging"] }));
        var productionVolume = productionVolumes.Single(v =>
            v.Id == h.Fake.Account.Endpoints.Single(e => e.Name == "persistent-storage").Fields["networkVolumeId"]!.GetValue<string>());
        Assert.That(h.Fake.Account.Endpoints.Single(e => e.Name == "persistent-storage-staging").Fields["networkVolumeId"]!.GetValue<string>(),
            Is.EqualTo(ownIds[productionVolume.Name + "-staging"]));
        Assert.That(JsonNode.Parse(File.ReadAllText(Path.Combine(h.AppDirectory, ".flash", "staging", "state.json")))!["ownVolumes"]!.GetValue<bool>(), Is.True);
        Assert.That(ProductionSnapshot(h), Is.EqualTo(production));
        Assert.That(File.ReadAllText(h.StatePath), Does.Not.Contain("ownVolumes"), "a shared environment's state reads as before");
        Assert.That(again.ExitCode, Is.EqualTo(0), "the recorded choice holds without --own-volumes: nothing to change\n" + again.All);
    }

    [Test]
    public async Task Own_volumes_are_refused_for_production_and_for_an_environment_already_using_the_shared_ones()
    {
        await using var h = await CliHarness.StartAsync();
        var production = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image, "--own-volumes");
        await h.DeployAsync("staging");
        var requests = h.Fake.Requests.Count;
        var staging = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image, "--env", "staging", "--own-volumes");

        Assert.That((production.ExitCode, production.Error), Is.EqualTo((1,
            "error: --own-volumes: production uses the app's network volumes as declared; --own-volumes gives another environment volumes of its own (e.g. --env staging --own-volumes).\n")));
        Assert.That((staging.ExitCode, staging.Error), Is.EqualTo((1,
            "error: --own-volumes: environment staging was deployed with the app's shared network volumes, and its endpoints use them. " +
            "To give it volumes of its own, delete it first (flash env delete staging), then deploy it with --own-volumes.\n")));
        Assert.That(h.Fake.Requests.Skip(requests), Is.Empty, "refused before any request");
        Assert.That(h.Fake.Account.Volumes, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task Undeploying_production_leaves_staging_running()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        await h.DeployAsync("staging");

        var undeploy = await h.RunAsync("undeploy", "--all", "--yes");
        var stagingPlan = await h.RunAsync("plan", "--image", CliHarness.Image, "--detailed-exitcode", "--env", "staging");

        Assert.That(undeploy.ExitCode, Is.EqualTo(0), undeploy.All);
        Assert.That(h.Fake.Account.Endpoints.Select(e => e.Name), Is.EqualTo(CliHarness.SampleEndpoints.Select(n => n + "-staging")));
        Assert.That(stagingPlan.ExitCode, Is.EqualTo(0), stagingPlan.All);
    }

    [Test]
    public async Task Without_state_an_environment_takes_over_its_own_endpoints_and_never_another_environments()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync("staging");
        Directory.Delete(Path.Combine(h.AppDirectory, ".flash"), recursive: true);

        var stagingPlan = await h.RunAsync("plan", "--image", CliHarness.Image, "--env", "staging");
        var productionPlan = await h.RunAsync("plan", "--image", CliHarness.Image);

        Assert.That(stagingPlan.ExitCode, Is.EqualTo(0), stagingPlan.All);
        Assert.That(stagingPlan.Out, Does.Contain("Plan: 0 endpoint(s) to create, 0 to update, 5 to take over, 0 unchanged; 0 network volume(s) to create, 4 to reuse.\n"));
        Assert.That(productionPlan.ExitCode, Is.EqualTo(0), productionPlan.All);
        Assert.That(productionPlan.Out, Does.Contain("Plan: 5 endpoint(s) to create, 0 to update, 0 to take over, 0 unchanged; 0 network volume(s) to create, 4 to reuse.\n"),
            "staging's endpoints are not production's");
    }

    [Test]
    public async Task An_endpoint_with_an_environments_name_but_not_its_marker_is_a_conflict()
    {
        await using var h = await CliHarness.StartAsync();
        var foreign = h.Fake.Account.AddEndpoint("inference-api-staging", "flash-Quickstart-inference-api-staging",
            [new("FLASH_RESOURCE_NAME", "inference-api"), new("FLASH_APP", "Quickstart")]);

        var plan = await h.RunAsync("plan", "--image", CliHarness.Image, "--env", "staging");

        Assert.That(plan.ExitCode, Is.EqualTo(1));
        Assert.That(plan.Out, Does.Contain(
            $"endpoint {foreign.Id} of the account has this name and was not made by flash for Quickstart (environment staging); flash leaves it alone\n"));
    }

    [TestCase("Staging")]
    [TestCase("pr_42")]
    [TestCase("-staging")]
    [TestCase("staging-")]
    [TestCase("")]
    public async Task An_environment_name_other_than_lower_case_letters_digits_and_dashes_is_refused_before_any_request(string name)
    {
        await using var h = await CliHarness.StartAsync();
        var runs = new[]
        {
            await h.RunAsync("plan", "--image", CliHarness.Image, "--env", name),
            await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image, "--env", name),
            await h.RunAsync("status", "--env", name),
            await h.RunAsync("undeploy", "--all", "--yes", "--env", name),
        };

        foreach (var run in runs)
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Error, Is.EqualTo(
                $"error: --env: '{name}' is not an environment name. Use lower-case letters, digits and '-' (not first or last), e.g. staging or pr-42.\n"));
        }

        Assert.That(h.Fake.Requests, Is.Empty);
        Assert.That(Directory.Exists(Path.Combine(h.AppDirectory, ".flash")), Is.False);
    }

    private static IEnumerable<string> StateEndpointIds(CliHarness h, string environment)
    {
        var state = JsonNode.Parse(File.ReadAllText(Path.Combine(h.AppDirectory, ".flash", environment, "state.json")))!;
        return state["endpoints"]!.AsObject().Select(e => e.Value!["id"]!.GetValue<string>()).ToList();
    }

    /// <summary>Production's endpoints and templates on the account, as JSON text.</summary>
    private static List<string> ProductionSnapshot(CliHarness h) =>
        h.Fake.Account.Endpoints.Where(e => !e.Name.EndsWith("-staging", StringComparison.Ordinal)).Select(e => e.Name + e.Fields.ToJsonString())
            .Concat(h.Fake.Account.Templates.Where(t => !t.Name!.EndsWith("-staging", StringComparison.Ordinal))
                .Select(t => t.Name + t.ImageName + string.Join(",", t.Env) + t.Fields.ToJsonString()))
            .ToList();
}
