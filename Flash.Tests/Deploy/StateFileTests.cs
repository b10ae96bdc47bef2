namespace Flash.Tests.Deploy;

/// <summary>
/// A .flash/state.json that flash did not write as it is (hand-edited, merged, truncated, or not a file) is refused by
/// every command with one message that names the file and what is wrong in it, before anything is sent or written.
/// </summary>
public sealed class StateFileTests
{
    private const string Recovery =
        "Repair it, or move it away: flash then finds its endpoints by name and template, and reuses volumes by name and datacenter.";

    /// <summary>A state as flash writes it, for the sample app, with one volume and one endpoint.</summary>
    private const string ValidState = """
        {
          "version": 1,
          "app": "Quickstart",
          "volumes": [
            { "key": "model-cache@US-GA-2", "name": "model-cache", "dataCenterId": "US-GA-2", "id": "vol-0001", "origin": "created" }
          ],
          "endpoints": {
            "global-inference": {
              "id": "ep-0001", "templateId": "tpl-0001", "type": "QB", "origin": "created", "configHash": "sha256:0",
              "config": { "name": "global-inference", "template.name": "flash-Quickstart-global-inference" },
              "volumeIds": [ "vol-0001" ], "routes": []
            }
          }
        }
        """;

    private static readonly string[][] Commands =
    [
        ["plan", "--image", CliHarness.Image],
        ["plan", "--offline", "--image", CliHarness.Image],
        ["deploy", "--yes", "--image", CliHarness.Image],
        ["undeploy", "--all", "--yes"],
        ["undeploy", "global-inference", "--yes"],
        ["status"],
    ];

    [Test]
    public async Task A_null_in_the_volume_list_is_named_by_every_command_without_a_stack_trace()
    {
        await using var h = await CliHarness.StartAsync();
        var state = ValidState.Replace("""{ "key": "model-cache@US-GA-2", "name": "model-cache", "dataCenterId": "US-GA-2", "id": "vol-0001", "origin": "created" }""", "null", StringComparison.Ordinal);

        await AssertRefusedByEveryCommand(h, state, "volumes[0]: must be a JSON object, not null");
    }

    [TestCase("\"endpoints\": {", "\"endpoints\": { \"inference-api\": null, ", "endpoints.inference-api: must be a JSON object, not null")]
    [TestCase("\"id\": \"ep-0001\", ", "", "endpoints.global-inference.id: missing")]
    [TestCase("\"templateId\": \"tpl-0001\"", "\"templateId\": null", "endpoints.global-inference.templateId: must not be null")]
    [TestCase("\"id\": \"vol-0001\"", "\"id\": 5", "volumes[0].id: must be a string, not a number")]
    [TestCase("\"endpoints\": {", "\"endpoints\": { \"new\\nline\": [], ", "endpoints.new\\u000aline: must be a JSON object, not an array")]
    [TestCase("\"volumes\": [", "\"volumes\": [ { \"key\": \"model-cache@US-GA-2\", \"id\": \"vol-0009\", \"origin\": \"existing\" }, ", "volumes[1].key: the volume 'model-cache@US-GA-2' is recorded more than once")]
    [TestCase("\"volumeIds\": [ \"vol-0001\" ]", "\"volumeIds\": [ null ]", "endpoints.global-inference.volumeIds[0]: must be a string, not null")]
    [TestCase("\"routes\": []", "\"routes\": {}", "endpoints.global-inference.routes: must be a JSON array, not an object")]
    [TestCase("\"version\": 1", "\"version\": 99999999999", "version: must be a whole number between -2147483648 and 2147483647")]
    [TestCase("\"version\": 1", "\"version\": 1e400", "version: must be a whole number between -2147483648 and 2147483647")]
    [TestCase("\"version\": 1", "\"version\": \"1\"", "version: must be a whole number, not a string")]
    [TestCase("\"origin\": \"created\" }", "\"origin\": \"mine\" }", "volumes[0].origin: must be \"created\" or \"existing\"")]
    [TestCase("\"type\": \"QB\"", "\"type\": \"qb\"", "endpoints.global-inference.type: must be \"QB\" or \"LB\"")]
    [TestCase("\"id\": \"ep-0001\"", "\"id\": \" \"", "endpoints.global-inference.id: must not be empty")]
    [TestCase("\"config\": {", "\"config\": { \"gpuIds\": [1], ", "endpoints.global-inference.config.gpuIds: must be a string, a number, true, false or null, not an array")]
    [TestCase("\"app\": \"Quickstart\",", "\"app\": \"Quickstart\", \"app\": \"Other\",", "it is not valid JSON (Duplicate property 'app' encountered during deserialization.)")]
    [TestCase("\"version\": 1,", "\"version\": 1,,", "it is not valid JSON (',' is an invalid start of a property name. Expected a '\"'. LineNumber: 1 | BytePositionInLine: 15.)")]
    public async Task Each_kind_of_damage_is_named_with_its_path(string original, string damaged, string problem)
    {
        await using var h = await CliHarness.StartAsync();
        Assert.That(ValidState, Does.Contain(original));

        await AssertRefusedByEveryCommand(h, ValidState.Replace(original, damaged, StringComparison.Ordinal), problem);
    }

    [Test]
    public async Task Several_problems_are_listed_together()
    {
        await using var h = await CliHarness.StartAsync();
        WriteState(h, """{"version": 1, "app": "", "volumes": [null, {"id": "v"}], "endpoints": {"a": {"id": "e"}}}""");

        var run = await h.RunAsync("plan", "--offline", "--image", CliHarness.Image);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Is.EqualTo(
            """
            error: .flash/state.json is not a valid flash state file:
              - volumes[0]: must be a JSON object, not null
              - volumes[1].key: missing
              - volumes[1].origin: missing
              - endpoints.a.templateId: missing
              - endpoints.a.type: missing
              - endpoints.a.origin: missing
              - endpoints.a.configHash: missing
              - endpoints.a.config: missing

            """.Replace("\r\n", "\n") + Recovery + "\n"));
    }

    [TestCase("")]
    [TestCase("null")]
    [TestCase("[]")]
    [TestCase("{\"version\": 1, \"volumes\": [")]
    public async Task Empty_truncated_or_other_json_is_refused(string text)
    {
        await using var h = await CliHarness.StartAsync();
        WriteState(h, text);

        var run = await h.RunAsync("status");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.StartWith("error: .flash/state.json is not a valid flash state file: "));
        Assert.That(run.Error, Does.EndWith(". " + Recovery + "\n"));
        Assert.That(run.All, Does.Not.Contain("   at "));
    }

    [Test]
    public async Task Another_state_version_says_which_version_this_flash_reads()
    {
        await using var h = await CliHarness.StartAsync();
        WriteState(h, ValidState.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal));

        var run = await h.RunAsync("status");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Is.EqualTo(
            "error: .flash/state.json has state version 2; this flash reads version 1. Use the flash that wrote it, or move the file away: " +
            "flash then finds its endpoints by name and template, and reuses volumes by name and datacenter.\n"));
    }

    [Test]
    public async Task A_directory_in_place_of_the_state_file_is_named()
    {
        await using var h = await CliHarness.StartAsync();
        Directory.CreateDirectory(h.StatePath);

        await AssertRefusedByEveryCommand(h, null,
            "error: .flash/state.json is a directory, not a flash state file. Move it away: flash then finds its endpoints by name and template, and reuses volumes by name and datacenter.\n");
    }

    [Test]
    public async Task A_file_in_place_of_the_state_directory_is_named()
    {
        await using var h = await CliHarness.StartAsync();
        File.WriteAllText(Path.Combine(h.AppDirectory, ".flash"), "not a directory");

        await AssertRefusedByEveryCommand(h, null,
            "error: .flash is a file; flash keeps its state in a directory of that name. Move the file away, then run this again.\n");
    }

    [Test]
    public async Task An_unreadable_state_file_is_named()
    {
        await using var h = await CliHarness.StartAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(h.StatePath)!);

        // A link to itself cannot be opened, whoever runs the tests (permissions would not stop root).
        File.CreateSymbolicLink(h.StatePath, h.StatePath);

        await AssertRefusedByEveryCommand(h, null, "error: Cannot read .flash/state.json: ");
    }

    private static void WriteState(CliHarness h, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(h.StatePath)!);
        File.WriteAllText(h.StatePath, text);
    }

    /// <summary>
    /// Runs every command against the state; each fails with exit code 1 and the same one message, sends nothing and
    /// changes no file. <paramref name="expected"/> is the problem clause for <paramref name="state"/>, or, when the
    /// state is laid out by the test itself (null), the start of the whole error output.
    /// </summary>
    private static async Task AssertRefusedByEveryCommand(CliHarness h, string? state, string expected)
    {
        if (state is not null)
        {
            WriteState(h, state);
        }

        var before = Snapshot(h.AppDirectory);
        foreach (var args in Commands)
        {
            var run = await h.RunAsync(args);

            var command = string.Join(' ', args);
            Assert.That(run.ExitCode, Is.EqualTo(1), command + "\n" + run.All);
            Assert.That(run.Out, Is.Empty, command);
            if (state is not null)
            {
                Assert.That(run.Error, Is.EqualTo($"error: .flash/state.json is not a valid flash state file: {expected}. {Recovery}\n"), command);
            }
            else
            {
                Assert.That(run.Error, Does.StartWith(expected), command);
                Assert.That(run.Error.TrimEnd('\n'), Does.Not.Contain("\n"), command);
            }

            Assert.That(run.All, Does.Not.Contain("   at "), command);
            Assert.That(Snapshot(h.AppDirectory), Is.EqualTo(before), command + ": no file is created or changed");
        }

        Assert.That(h.Fake.Requests, Is.Empty);
    }

    /// <summary>Every entry under the directory with its content (files) or kind.</summary>
    private static List<string> Snapshot(string directory) =>
        new DirectoryInfo(directory).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .OrderBy(i => i.FullName, StringComparer.Ordinal)
            .Select(i => i.FullName + " " + (i switch
            {
                _ when i.LinkTarget is not null => "-> " + i.LinkTarget,
                FileInfo f => File.ReadAllText(f.FullName),
                _ => "(directory)",
            }))
            .ToList();
}
