using Flash.FakeRunPod.Management;

namespace Flash.Tests.Deploy;

/// <summary><c>flash env list</c> and <c>flash env delete NAME</c> against the recording fake of RunPod.</summary>
public sealed class EnvCommandTests
{
    [Test]
    public async Task Env_list_shows_each_environment_with_its_endpoints_live_drifted_or_gone()
    {
        await using var h = await DeployBothAsync();
        h.Fake.Account.Endpoints.Single(e => e.Name == "inference-api-staging").Fields["workersMax"] = 9;
        h.Fake.Account.RemoveEndpoint(h.Fake.Account.Endpoints.Single(e => e.Name == "word-stream").Id);
        var mutations = h.Mutations.Count;

        var list = await h.RunAsync("env", "list");

        Assert.That(list.ExitCode, Is.EqualTo(0), list.All);
        Assert.That(list.Out, Is.EqualTo("""
            Environments of app Quickstart
              ENVIRONMENT  STATE                      ENDPOINT            ENDPOINT ID  ON RUNPOD
              production   .flash/state.json          global-inference    ep-0001      live
                                                      inference-api       ep-0002      live
                                                      large-temp-storage  ep-0003      live
                                                      persistent-storage  ep-0004      live
                                                      word-stream         ep-0005      gone (deleted outside flash)
              staging      .flash/staging/state.json  global-inference    ep-0006      live
                                                      inference-api       ep-0007      drifted: workersMax 9 on RunPod, 5 deployed
                                                      large-temp-storage  ep-0008      live
                                                      persistent-storage  ep-0009      live
                                                      word-stream         ep-0010      live

            """.Replace("\r\n", "\n")));
        Assert.That(h.Mutations, Has.Count.EqualTo(mutations), "listing changes nothing");
    }

    [Test]
    public async Task Env_list_without_any_state_says_so_and_asks_RunPod_nothing()
    {
        await using var h = await CliHarness.StartAsync();

        var list = await h.RunAsync("env", "list");

        Assert.That(list.ExitCode, Is.EqualTo(0), list.All);
        Assert.That(list.Out, Is.EqualTo("No environment deployed from here: .flash/ holds no state.\n"));
        Assert.That(h.Fake.Requests, Is.Empty);
    }

    [Test]
    public async Task Env_delete_deletes_that_environments_endpoints_and_state_and_leaves_the_other_and_the_volumes()
    {
        await using var h = await DeployBothAsync();
        var productionState = await File.ReadAllTextAsync(h.StatePath);

        var delete = await h.RunAsync("env", "delete", "staging", "--yes");
        var list = await h.RunAsync("env", "list");
        var productionPlan = await h.RunAsync("plan", "--image", CliHarness.Image, "--detailed-exitcode");

        Assert.That(delete.ExitCode, Is.EqualTo(0), delete.All);
        Assert.That(delete.Out, Does.StartWith(
            "To delete: environment staging of app Quickstart: endpoints global-inference (ep-0006), inference-api (ep-0007), large-temp-storage (ep-0008), " +
            "persistent-storage (ep-0009), word-stream (ep-0010), and .flash/staging/state.json.\n"));
        Assert.That(delete.Out, Does.EndWith(
            "Deleted environment staging. Network volumes are never deleted by flash (RunPod requires deleting them by hand, in the console): " +
            "model-cache (vol-0001), models-us (vol-0002), models-eu (vol-0003), model-storage (vol-0004).\n"));
        Assert.That(h.Fake.Account.Endpoints.Select(e => e.Name), Is.EqualTo(CliHarness.SampleEndpoints));
        Assert.That(h.Fake.Account.Templates.Select(t => t.Name), Is.EqualTo(CliHarness.SampleEndpoints.Select(n => "flash-Quickstart-" + n)));
        Assert.That(h.Fake.Account.Volumes, Has.Count.EqualTo(4));
        Assert.That(File.Exists(Path.Combine(h.AppDirectory, ".flash", "staging", "state.json")), Is.False);
        Assert.That(await File.ReadAllTextAsync(h.StatePath), Is.EqualTo(productionState));
        Assert.That(list.Out, Does.Contain("  production ").And.Not.Contain("staging"));
        Assert.That(productionPlan.ExitCode, Is.EqualTo(0), productionPlan.All);
    }

    [Test]
    public async Task Env_delete_that_cannot_delete_an_endpoint_stops_names_every_survivor_and_a_rerun_completes()
    {
        await using var h = await DeployBothAsync();
        h.Fake.Fail("deleteEndpoint", FailureMode.GraphQlError, skip: 1);

        var failed = await h.RunAsync("env", "delete", "staging", "--yes");

        Assert.That(failed.ExitCode, Is.EqualTo(1));
        Assert.That(failed.Out, Does.Contain("  deleted endpoint global-inference (ep-0006)\n").And.Not.Contain("Deleted environment"));
        Assert.That(failed.Error, Does.StartWith("error: endpoint inference-api: deleting it failed: "));
        Assert.That(failed.Error, Does.EndWith(
            "\nIt is still recorded; run flash env delete staging again.\n" +
            "Environment staging is not deleted: these endpoints were not deleted and are still recorded in .flash/staging/state.json: " +
            "inference-api (ep-0007), large-temp-storage (ep-0008), persistent-storage (ep-0009), word-stream (ep-0010).\n"));
        Assert.That(h.Fake.Account.Endpoints.Select(e => e.Name), Is.EqualTo(CliHarness.SampleEndpoints.Concat(CliHarness.SampleEndpoints.Skip(1).Select(n => n + "-staging"))));

        var rerun = await h.RunAsync("env", "delete", "staging", "--yes");

        Assert.That(rerun.ExitCode, Is.EqualTo(0), rerun.All);
        Assert.That(h.Fake.Account.Endpoints.Select(e => e.Name), Is.EqualTo(CliHarness.SampleEndpoints));
        Assert.That(File.Exists(Path.Combine(h.AppDirectory, ".flash", "staging", "state.json")), Is.False);
    }

    [Test]
    public async Task Env_delete_of_an_environment_not_deployed_from_here_names_those_that_are_and_changes_nothing()
    {
        await using var h = await DeployBothAsync();
        var mutations = h.Mutations.Count;

        var delete = await h.RunAsync("env", "delete", "qa", "--yes");

        Assert.That(delete.ExitCode, Is.EqualTo(1));
        Assert.That(delete.Error, Is.EqualTo("error: No environment 'qa' was deployed from here (.flash/qa/state.json does not exist). Deployed: production, staging.\n"));
        Assert.That(h.Mutations, Has.Count.EqualTo(mutations));
    }

    [Test]
    public async Task Env_delete_asks_first_and_an_answer_other_than_yes_changes_nothing()
    {
        await using var h = await DeployBothAsync();
        var mutations = h.Mutations.Count;

        var delete = await h.RunWithInputAsync("n\n", "env", "delete", "staging");

        Assert.That(delete.ExitCode, Is.EqualTo(1));
        Assert.That(delete.Out, Does.EndWith("Delete environment staging on RunPod? [y/N] \nNothing was changed.\n"));
        Assert.That(h.Mutations, Has.Count.EqualTo(mutations));
    }

    private static async Task<CliHarness> DeployBothAsync()
    {
        var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        await h.DeployAsync("staging");
        return h;
    }
}
