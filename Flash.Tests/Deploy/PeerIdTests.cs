using System.Text.Json.Nodes;

namespace Flash.Tests.Deploy;

/// <summary>flash deploy gives every endpoint of an app the ids of the others, as FLASH_ENDPOINT_&lt;NAME&gt;.</summary>
public sealed class PeerIdTests
{
    private static readonly Dictionary<string, string> SampleVariables = new()
    {
        ["global-inference"] = "FLASH_ENDPOINT_GLOBAL_INFERENCE",
        ["inference-api"] = "FLASH_ENDPOINT_INFERENCE_API",
        ["large-temp-storage"] = "FLASH_ENDPOINT_LARGE_TEMP_STORAGE",
        ["persistent-storage"] = "FLASH_ENDPOINT_PERSISTENT_STORAGE",
        ["word-stream"] = "FLASH_ENDPOINT_WORD_STREAM",
    };

    [Test]
    public async Task A_fresh_deploy_ends_with_every_endpoint_holding_the_ids_of_all_the_others()
    {
        await using var h = await CliHarness.StartAsync();

        await h.DeployAsync();

        var ids = h.Fake.Account.Endpoints.ToDictionary(e => e.Name, e => e.Id);
        foreach (var (name, id) in ids)
        {
            var sent = LastEnvSent(h, name, h.Fake.Account.Endpoints.Single(e => e.Id == id).TemplateId!);
            var expected = ids.Where(p => p.Key != name).ToDictionary(p => SampleVariables[p.Key], p => p.Value);
            Assert.That(sent.Where(kv => kv.Key.StartsWith("FLASH_ENDPOINT_", StringComparison.Ordinal)).ToDictionary(), Is.EquivalentTo(expected), name);
        }
    }

    [Test]
    public async Task An_endpoint_added_to_a_deployed_app_is_created_with_every_id_and_then_given_to_the_others()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        h.EditManifest(m => m["resources"]!["word-count"] = CliHarness.Resource(m, "word-stream").DeepClone());
        h.Fake.ClearRequests();

        var plan = await h.RunAsync("plan", "--image", CliHarness.Image);
        await h.DeployAsync();

        Assert.That(plan.Out, Does.Contain("  update  global-inference    QB    GPU AMPERE_80,-NVIDIA A100-SXM4-80GB  0..1     registry.example.com/quickstart:1.0  env FLASH_ENDPOINT_WORD_COUNT added once word-count is created\n"));
        Assert.That(plan.Out, Does.Contain("Plan: 1 endpoint(s) to create, 5 to update, 0 to take over, 0 unchanged;"));
        Assert.That(plan.Out, Does.Contain("deploy then updates the templates of the endpoints it is new to (saveTemplate)."));
        var created = h.Mutations[0];
        Assert.That(created.Operation, Is.EqualTo("saveEndpoint"));
        Assert.That(created.Payload!["template"]!["env"]!.AsArray().Select(v => (string)v!["key"]!).Where(k => k.StartsWith("FLASH_ENDPOINT_", StringComparison.Ordinal)),
            Is.EqualTo(SampleVariables.Values), "created knowing every endpoint that exists");
        Assert.That(h.Mutations.Skip(1).Select(r => r.Operation), Is.EqualTo(Enumerable.Repeat("saveTemplate", 5)));
        var newId = h.Fake.Account.Endpoints.Single(e => e.Name == "word-count").Id;
        Assert.That(h.Fake.Account.Templates.Where(t => t.Name != "flash-Quickstart-word-count").Select(t => t.Env.Single(kv => kv.Key == "FLASH_ENDPOINT_WORD_COUNT").Value),
            Is.EqualTo(Enumerable.Repeat(newId, 5)));
    }

    [Test]
    public async Task Removing_an_endpoint_from_the_app_drops_its_variable_from_the_others()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        h.EditManifest(m => m["resources"]!.AsObject().Remove("large-temp-storage"));
        h.Fake.ClearRequests();

        var run = await h.DeployAsync();
        var templateIds = h.Mutations.Select(r => (string)r.Payload!["id"]!).ToList();
        h.Fake.ClearRequests();
        await h.DeployAsync();

        Assert.That(run.Out, Does.Contain("  updated endpoint global-inference (ep-0001): env FLASH_ENDPOINT_LARGE_TEMP_STORAGE removed\n"));
        Assert.That(templateIds, Is.EqualTo(new[] { "tpl-0001", "tpl-0002", "tpl-0004", "tpl-0005" }));
        Assert.That(h.Fake.Account.Templates.Where(t => t.Id != "tpl-0003").SelectMany(t => t.Env).Select(kv => kv.Key), Does.Not.Contain("FLASH_ENDPOINT_LARGE_TEMP_STORAGE"));
        Assert.That(h.Mutations, Is.Empty, "the deploy after that has nothing to do");
    }

    [Test]
    public async Task Undeploying_an_endpoint_and_removing_it_from_the_app_drops_its_variable_on_the_next_deploy()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        var undeploy = await h.RunAsync("undeploy", "word-stream", "--yes");
        h.EditManifest(m => m["resources"]!.AsObject().Remove("word-stream"));
        h.Fake.ClearRequests();

        await h.DeployAsync();

        Assert.That(undeploy.ExitCode, Is.EqualTo(0), undeploy.All);
        Assert.That(h.Mutations.Select(r => r.Operation), Is.EqualTo(Enumerable.Repeat("saveTemplate", 4)));
        Assert.That(h.Fake.Account.Templates.SelectMany(t => t.Env).Select(kv => kv.Key), Does.Not.Contain("FLASH_ENDPOINT_WORD_STREAM"));
    }

    [Test]
    public async Task An_Env_that_sets_a_peer_variable_is_refused_before_any_request()
    {
        await using var h = await CliHarness.StartAsync(manifest => CliHarness.Resource(manifest, "global-inference")["env"] = new JsonObject { ["FLASH_ENDPOINT_WORD_STREAM"] = "ep-mine" });

        var run = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image);

        AssertRefusedBeforeAnyRequest(h, run,
            "error: Endpoint 'global-inference' sets FLASH_ENDPOINT_WORD_STREAM in its Env, but flash deploy sets that variable to the id of the app's endpoint " +
            "'word-stream'. Remove it from Env: the deployed workers get the id.\nNothing was sent.\n");
    }

    [Test]
    public async Task An_Env_variable_with_the_prefix_that_names_no_endpoint_of_the_app_is_sent_as_declared()
    {
        await using var h = await CliHarness.StartAsync(manifest => CliHarness.Resource(manifest, "global-inference")["env"] = new JsonObject { ["FLASH_ENDPOINT_BILLING"] = "ep-other-app" });

        await h.DeployAsync();

        Assert.That(h.Fake.Account.Templates.Single(t => t.Name == "flash-Quickstart-global-inference").Env, Does.Contain(new KeyValuePair<string, string>("FLASH_ENDPOINT_BILLING", "ep-other-app")));
    }

    [Test]
    public async Task Two_endpoint_names_that_give_the_same_variable_are_refused_before_any_request()
    {
        await using var h = await CliHarness.StartAsync(manifest => manifest["resources"]!["word_stream"] = CliHarness.Resource(manifest, "word-stream").DeepClone());

        var run = await h.RunAsync("plan", "--image", CliHarness.Image);

        AssertRefusedBeforeAnyRequest(h, run,
            "error: Endpoints 'word-stream' and 'word_stream' would both be given to the others as FLASH_ENDPOINT_WORD_STREAM. " +
            "Rename one so that the names differ in a letter or digit.\nNothing was sent.\n");
    }

    [Test]
    public async Task A_RunPod_secret_reference_in_Env_reaches_the_template_unchanged_and_the_state_holds_only_its_digest()
    {
        const string reference = "{{ RUNPOD_SECRET_my_key }}";
        await using var h = await CliHarness.StartAsync(manifest => CliHarness.Resource(manifest, "inference-api")["env"] = new JsonObject { ["RUNPOD_API_KEY"] = reference });

        var run = await h.DeployAsync();

        var create = h.Mutations.Single(r => r.Operation == "saveEndpoint" && (string?)r.Payload!["name"] == "inference-api");
        Assert.That(create.Payload!["template"]!["env"]![0]!.ToJsonString(), Is.EqualTo("""{"key":"RUNPOD_API_KEY","value":"{{ RUNPOD_SECRET_my_key }}"}"""));
        Assert.That(h.Fake.Account.Templates.Single(t => t.Name == "flash-Quickstart-inference-api").Env[0], Is.EqualTo(new KeyValuePair<string, string>("RUNPOD_API_KEY", reference)));
        Assert.That(await File.ReadAllTextAsync(h.StatePath), Does.Not.Contain("RUNPOD_SECRET"));
        Assert.That(run.All, Does.Not.Contain("RUNPOD_SECRET").And.Not.Contain(CliHarness.ApiKey));
        Assert.That(h.Fake.Requests.Where(r => r.IsMutation).Select(r => r.Body), Has.None.Contains(CliHarness.ApiKey), "flash never writes the caller's key into an endpoint");
    }

    private static void AssertRefusedBeforeAnyRequest(CliHarness h, CliRun run, string error)
    {
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Is.EqualTo(error));
        Assert.That(h.Fake.Requests, Is.Empty);
    }

    /// <summary>The environment last sent for an endpoint: its create's inline template, or a later saveTemplate of its template.</summary>
    private static List<KeyValuePair<string, string>> LastEnvSent(CliHarness h, string name, string templateId)
    {
        var last = h.Mutations.Last(r =>
            (r.Operation == "saveEndpoint" && (string?)r.Payload!["name"] == name && r.Payload["template"] is not null) ||
            (r.Operation == "saveTemplate" && (string?)r.Payload!["id"] == templateId));
        var env = (last.Payload!["template"] ?? last.Payload)!["env"]!.AsArray();
        return env.Select(v => new KeyValuePair<string, string>((string)v!["key"]!, (string)v["value"]!)).ToList();
    }
}
