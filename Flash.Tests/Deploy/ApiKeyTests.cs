namespace Flash.Tests.Deploy;

/// <summary>The API key: where it is read from, where it is sent, and that it shows up nowhere else.</summary>
public sealed class ApiKeyTests
{
    [Test]
    public async Task The_key_appears_in_no_output_no_file_and_no_payload_only_in_the_Authorization_header()
    {
        await using var h = await CliHarness.StartAsync();
        var runs = new List<CliRun>
        {
            await h.RunAsync("plan", "--image", CliHarness.Image),
            await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image),
            await h.RunAsync("status"),
            await h.RunAsync("undeploy", "inference-api", "--yes"),
            await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image, "--env", "staging"),
            await h.RunAsync("status", "--env", "staging"),
            await h.RunAsync("undeploy", "inference-api", "--yes", "--env", "staging"),
            await h.RunAsync("env", "list"),
            await h.RunAsync("env", "delete", "staging", "--yes"),
        };
        h.Fake.Fail("saveEndpoint", Flash.FakeRunPod.Management.FailureMode.ServerError);
        runs.Add(await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image));
        h.Variables["RUNPOD_API_KEY"] = CliHarness.ApiKey + "-revoked";
        runs.Add(await h.RunAsync("status"));

        Assert.That(runs.Select(r => r.ExitCode), Is.EqualTo(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1 }), string.Join("\n", runs.Select(r => r.All)));
        Assert.That(runs[^1].Error, Is.EqualTo(
            "error: listing endpoints failed: HTTP 401 Unauthorized: a valid API key is required (check the API key in RUNPOD_API_KEY or ~/.runpod/config.toml)\n"));
        foreach (var run in runs)
        {
            Assert.That(run.All, Does.Not.Contain(CliHarness.ApiKey));
        }

        foreach (var file in Directory.GetFiles(h.Root, "*", SearchOption.AllDirectories))
        {
            Assert.That(await File.ReadAllTextAsync(file), Does.Not.Contain(CliHarness.ApiKey), file);
        }

        Assert.That(h.Fake.Requests, Is.Not.Empty);
        Assert.That(h.Fake.Requests.Where(r => r.Body.Contains(CliHarness.ApiKey, StringComparison.Ordinal)), Is.Empty, "no payload carries the key");
        Assert.That(h.Fake.Requests.Select(r => r.Authorization).Distinct(),
            Is.EqualTo(new[] { "Bearer " + CliHarness.ApiKey, "Bearer " + CliHarness.ApiKey + "-revoked" }));
    }

    [Test]
    public async Task The_key_is_read_from_the_default_profile_of_the_runpod_config_file()
    {
        await using var h = await CliHarness.StartAsync();
        h.Variables.Remove("RUNPOD_API_KEY");
        WriteConfig(h, $"[default]\napi_key = \"{CliHarness.ApiKey}\"\n");

        var run = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        Assert.That(h.Fake.Account.Endpoints, Has.Count.EqualTo(5));
        Assert.That(run.All, Does.Not.Contain(CliHarness.ApiKey));
    }

    [Test]
    public async Task The_environment_variable_wins_over_the_config_file()
    {
        await using var h = await CliHarness.StartAsync();
        WriteConfig(h, "[default]\napi_key = \"some-other-key\"\n");

        var run = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        Assert.That(h.Fake.Requests.Select(r => r.Authorization).Distinct(), Is.EqualTo(new[] { "Bearer " + CliHarness.ApiKey }));
    }

    [Test]
    public async Task A_broken_config_file_is_reported_without_quoting_it()
    {
        await using var h = await CliHarness.StartAsync();
        h.Variables.Remove("RUNPOD_API_KEY");
        WriteConfig(h, $"[default\napi_key = \"{CliHarness.ApiKey}");

        var run = await h.RunAsync("status");
        var deploy = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image);

        Assert.That(run.ExitCode, Is.EqualTo(0), "status with nothing recorded needs no key");
        Assert.That(deploy.ExitCode, Is.EqualTo(1));
        Assert.That(deploy.Error, Is.EqualTo("error: ~/.runpod/config.toml is not valid TOML. It should hold a [default] table with api_key = \"...\".\n"));
        Assert.That(h.Fake.Requests, Is.Empty);
    }

    [TestCase("rpa_FIRSTHALF\nSECONDHALF", "contains a line break (character 14)")]
    [TestCase("rpa_FIRSTHALF\r\nSECONDHALF", "contains a line break (character 14)")]
    [TestCase("rpa_FIRSTHALF SECONDHALF", "contains a space (character 14)")]
    [TestCase("rpa_FIRSTHALF\u0007SECONDHALF", "contains a control character (character 14)")]
    [TestCase("rpa_FIRSTHALF\u00e9SECONDHALF", "contains a character that cannot be sent in an HTTP header (only ASCII can) (character 14)")]
    [TestCase("rpa_FIRSTHALF\ud83d\ude00SECONDHALF", "contains a character that cannot be sent in an HTTP header (only ASCII can) (character 14)")]
    public async Task A_key_that_cannot_be_sent_is_refused_before_any_request_without_showing_it(string key, string problem)
    {
        await using var h = await CliHarness.StartAsync();
        h.Variables["RUNPOD_API_KEY"] = key;

        var run = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Is.EqualTo(
            $"error: The RunPod API key in RUNPOD_API_KEY {problem}, so it cannot be sent. Set RUNPOD_API_KEY to the key exactly as the RunPod console shows it.\n"));
        Assert.That(run.All, Does.Not.Contain("FIRSTHALF").And.Not.Contain("SECONDHALF"));
        Assert.That(h.Fake.Requests, Is.Empty, "nothing is sent, and nothing retried");
        Assert.That(Directory.Exists(Path.Combine(h.AppDirectory, ".flash")), Is.False);
    }

    [Test]
    public async Task A_key_in_the_config_file_that_cannot_be_sent_is_refused_naming_the_file()
    {
        await using var h = await CliHarness.StartAsync();
        h.Variables.Remove("RUNPOD_API_KEY");
        WriteConfig(h, "[default]\napi_key = \"rpa_FIRSTHALF\\nSECONDHALF\"\n");

        var run = await h.RunAsync("status");
        var deploy = await h.RunAsync("plan", "--image", CliHarness.Image);

        Assert.That(run.ExitCode, Is.EqualTo(0), "status with nothing recorded needs no key");
        Assert.That(deploy.ExitCode, Is.EqualTo(1));
        Assert.That(deploy.Error, Is.EqualTo(
            "error: The RunPod API key in ~/.runpod/config.toml (api_key under [default]) contains a line break (character 14), so it cannot be sent. " +
            "Write the key there exactly as the RunPod console shows it, or set RUNPOD_API_KEY.\n"));
        Assert.That(deploy.All, Does.Not.Contain("FIRSTHALF").And.Not.Contain("SECONDHALF"));
        Assert.That(h.Fake.Requests, Is.Empty);
    }

    [TestCase("[default]\napi_key = 12345\n")]
    [TestCase("[default]\napi_key = [\"a\", \"b\"]\n")]
    [TestCase("api_key = { key = \"x\" }\n")]
    public async Task An_api_key_entry_that_is_not_a_string_is_named(string toml)
    {
        await using var h = await CliHarness.StartAsync();
        h.Variables.Remove("RUNPOD_API_KEY");
        WriteConfig(h, toml);

        var run = await h.RunAsync("plan", "--image", CliHarness.Image);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Is.EqualTo("error: api_key in ~/.runpod/config.toml is not a string. It should read api_key = \"...\" under [default].\n"));
        Assert.That(h.Fake.Requests, Is.Empty);
    }

    /// <summary>Writes ~/.runpod/config.toml in the harness's home directory.</summary>
    private static void WriteConfig(CliHarness h, string toml) =>
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(h.Home, ".runpod")).FullName, "config.toml"), toml);
}
