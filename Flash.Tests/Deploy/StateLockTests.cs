using System.Diagnostics;
using System.Text.Json.Nodes;
using Flash.FakeRunPod.Management;

namespace Flash.Tests.Deploy;

/// <summary>
/// What a command leaves in the project: nothing when it stops before changing anything; .flash/state.json and
/// .flash/state.lock once it changed something. The lock is the operating system's lock on the open file, so it ends
/// with its process, however that ends.
/// </summary>
public sealed class StateLockTests
{
    [TestCase("no API key", "", "error: No RunPod API key")]
    [TestCase("a key RunPod refuses", "", "error: listing network volumes failed: HTTP 401")]
    [TestCase("a setting that is not a URL", "", "error: RUNPOD_REST_API_URL must be an absolute http(s) URL")]
    [TestCase("a broken manifest", "", "error: The manifest flash_manifest.json is not valid JSON")]
    [TestCase("a name conflict", "", "error: nothing was changed.")]
    [TestCase("the answer no", "n\n", "")]
    public async Task A_deploy_that_changes_nothing_leaves_no_trace_in_the_project(string failure, string answer, string error)
    {
        await using var h = await CliHarness.StartAsync();
        switch (failure)
        {
            case "no API key":
                h.Variables.Remove("RUNPOD_API_KEY");
                break;
            case "a key RunPod refuses":
                h.Variables["RUNPOD_API_KEY"] = "wrong-key";
                break;
            case "a setting that is not a URL":
                h.Variables["RUNPOD_REST_API_URL"] = "not a url";
                break;
            case "a broken manifest":
                await File.WriteAllTextAsync(h.ManifestPath, "{");
                break;
            case "a name conflict":
                h.Fake.Account.AddEndpoint("word-stream", "someone-elses-template", []);
                break;
        }

        var run = await h.RunWithInputAsync(answer, "deploy", "--image", CliHarness.Image);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.All);
        Assert.That(run.Error, Does.StartWith(error));
        Assert.That(h.Mutations, Is.Empty);
        Assert.That(Directory.GetFileSystemEntries(h.AppDirectory).Select(Path.GetFileName), Is.EqualTo(new[] { "flash_manifest.json" }));
    }

    [Test]
    public async Task An_undeploy_that_stops_before_deleting_creates_no_lock_file()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        File.Delete(Path.Combine(h.AppDirectory, ".flash", "state.lock"));
        h.Variables.Remove("RUNPOD_API_KEY");

        var noKey = await h.RunAsync("undeploy", "--all", "--yes");
        h.Variables["RUNPOD_API_KEY"] = CliHarness.ApiKey;
        var no = await h.RunWithInputAsync("n\n", "undeploy", "--all");

        Assert.That(noKey.ExitCode, Is.EqualTo(1));
        Assert.That(noKey.Error, Does.StartWith("error: No RunPod API key"));
        Assert.That(noKey.Out, Is.Empty, "the key is resolved before the question");
        Assert.That(no.ExitCode, Is.EqualTo(1));
        Assert.That(no.Out, Does.EndWith("Nothing was changed.\n"));
        Assert.That(Directory.GetFiles(Path.Combine(h.AppDirectory, ".flash")).Select(Path.GetFileName), Is.EqualTo(new[] { "state.json" }));
        Assert.That(h.Fake.Account.Endpoints, Has.Count.EqualTo(5));
    }

    [Test]
    public async Task A_lock_held_by_a_process_that_was_killed_does_not_block_the_next_run()
    {
        await using var h = await CliHarness.StartAsync();
        var lockPath = Path.Combine(Directory.CreateDirectory(Path.Combine(h.AppDirectory, ".flash")).FullName, "state.lock");
        using var holder = Process.Start(new ProcessStartInfo("flock", ["--exclusive", "--close", lockPath, "sleep", "60"]) { RedirectStandardOutput = true })!;
        await WaitForLockAsync(lockPath, locked: true);

        var blocked = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image);
        holder.Kill(entireProcessTree: true);
        await holder.WaitForExitAsync();
        await WaitForLockAsync(lockPath, locked: false);
        var after = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image);

        Assert.That(blocked.ExitCode, Is.EqualTo(1));
        Assert.That(blocked.Error, Is.EqualTo(
            "error: Another flash command is changing this app's resources (.flash/state.lock is locked). Wait for it to finish, then run this again.\n"));
        Assert.That(File.Exists(lockPath), Is.True, "the killed holder left its file behind");
        Assert.That(after.ExitCode, Is.EqualTo(0), after.All);
        Assert.That(h.Fake.Account.Endpoints, Has.Count.EqualTo(5));
    }

    [Test]
    public async Task A_deploy_whose_state_changed_while_it_planned_stops_before_changing_anything()
    {
        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        h.EditManifest(m => CliHarness.Resource(m, "word-stream")["workersMax"] = 7);
        var recorded = await File.ReadAllTextAsync(h.StatePath);
        h.Fake.ClearRequests();

        // Another deploy from the same directory finishes while this one is planning: the state is rewritten.
        h.Handler = new OnFirstRequest(() => File.WriteAllText(h.StatePath, JsonNode.Parse(recorded)!.ToJsonString()));
        var run = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Is.EqualTo(
            "error: .flash/state.json changed while this command was planning (another flash command ran from here). Nothing was changed; run this again.\n"));
        Assert.That(h.Mutations, Is.Empty);
    }

    [Test]
    public async Task A_first_deploy_that_failed_half_way_keeps_the_state_and_the_lock_file()
    {
        await using var h = await CliHarness.StartAsync();
        h.Fake.Fail("saveEndpoint", FailureMode.ServerError, skip: 1);

        var run = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(Directory.GetFiles(Path.Combine(h.AppDirectory, ".flash")).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "state.json", "state.lock" }));
        Assert.That(JsonNode.Parse(await File.ReadAllTextAsync(h.StatePath))!["endpoints"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "global-inference" }));
    }

    /// <summary>Waits (at most five seconds) until another process holds the lock, or until none does.</summary>
    private static async Task WaitForLockAsync(string path, bool locked)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                if (!locked)
                {
                    return;
                }
            }
            catch (FileNotFoundException)
            {
                // flock has not created the file yet: keep waiting (either answer needs the file).
            }
            catch (IOException) when (locked)
            {
                return;
            }
            catch (IOException)
            {
            }

            await Task.Delay(25);
        }

        Assert.Fail(locked ? "flock did not take the lock" : "the lock outlived its process");
    }

    /// <summary>Runs an action when the first request goes out, then sends the requests on.</summary>
    private sealed class OnFirstRequest(Action action) : DelegatingHandler(new SocketsHttpHandler())
    {
        private Action? _pending = action;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _pending, null)?.Invoke();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
