extern alias cli;

using System.Text.Json;
using System.Text.Json.Nodes;
using cli::Flash.Cli.Commands;
using Flash.FakeRunPod.Management;
using Flash.Tests.Infrastructure;

namespace Flash.Tests.Deploy;

/// <summary>
/// An app directory with a manifest (by default the sample's golden manifest), a fake RunPod on loopback, and the flash
/// commands run in-process against it with their own working directory, variables, home directory and streams.
/// </summary>
internal sealed class CliHarness : IAsyncDisposable
{
    /// <summary>A key no output, file or payload may contain.</summary>
    public const string ApiKey = "rpa_TESTKEY_8d3f1c0b9e7a4d2f";

    public const string Image = "registry.example.com/quickstart:1.0";

    /// <summary>The endpoints of the sample's manifest, in name order.</summary>
    public static readonly IReadOnlyList<string> SampleEndpoints = ["global-inference", "inference-api", "large-temp-storage", "persistent-storage", "word-stream"];

    private CliHarness(FakeManagementServer fake, string root)
    {
        Fake = fake;
        Root = root;
        AppDirectory = Directory.CreateDirectory(Path.Combine(root, "app")).FullName;
        Home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
        Variables = new Dictionary<string, string?>
        {
            ["RUNPOD_API_BASE_URL"] = fake.BaseUrl,
            ["RUNPOD_REST_API_URL"] = fake.RestUrl,
            ["RUNPOD_API_KEY"] = ApiKey,

            // Printed URLs would otherwise follow the fake's address and its random port (see ApiSettings).
            ["RUNPOD_ENDPOINT_BASE_URL"] = "https://api.runpod.ai/v2",
        };
    }

    public FakeManagementServer Fake { get; }

    public string Root { get; }

    public string AppDirectory { get; }

    public string Home { get; }

    public Dictionary<string, string?> Variables { get; }

    /// <summary>The HTTP handler the commands send through; null for flash's own.</summary>
    public HttpMessageHandler? Handler { get; set; }

    public string ManifestPath => Path.Combine(AppDirectory, "flash_manifest.json");

    public string StatePath => Path.Combine(AppDirectory, ".flash", "state.json");

    /// <summary>The sample's manifest, as the build writes it (the golden file of the generator tests).</summary>
    public static string SampleManifest => File.ReadAllText(Path.Combine(RepoPaths.Baselines, "Quickstart.flash_manifest.json"));

    public static async Task<CliHarness> StartAsync(string? manifestJson = null)
    {
        var fake = await FakeManagementServer.StartAsync(apiKey: ApiKey);
        var harness = new CliHarness(fake, Path.Combine(Path.GetTempPath(), "flash-deploy-tests", Guid.NewGuid().ToString("N")));
        await File.WriteAllTextAsync(harness.ManifestPath, manifestJson ?? SampleManifest);
        return harness;
    }

    /// <summary>Starts with the sample's manifest after <paramref name="editManifest"/> changed it.</summary>
    public static Task<CliHarness> StartAsync(Action<JsonObject> editManifest)
    {
        var manifest = JsonNode.Parse(SampleManifest)!.AsObject();
        editManifest(manifest);
        return StartAsync(manifest.ToJsonString());
    }

    /// <summary>Runs <c>flash ARGS</c> in the app directory with <paramref name="input"/> as standard input.</summary>
    public async Task<CliRun> RunWithInputAsync(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var env = new CliEnvironment(AppDirectory, name => Variables.GetValueOrDefault(name), Home, new StringReader(input), output, error);
        var code = await FlashCommandLine.RunAsync(args, env, Handler);
        return new CliRun(code, output.ToString().Replace("\r\n", "\n"), error.ToString().Replace("\r\n", "\n"));
    }

    public Task<CliRun> RunAsync(params string[] args) => RunWithInputAsync("", args);

    /// <summary><c>flash deploy --yes --image IMAGE</c> (and <c>--env ENVIRONMENT</c> when given), asserting it succeeded.</summary>
    public async Task<CliRun> DeployAsync(string? environment = null)
    {
        var run = await RunAsync(environment is null ? ["deploy", "--yes", "--image", Image] : ["deploy", "--yes", "--image", Image, "--env", environment]);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        return run;
    }

    public IReadOnlyList<RecordedManagementRequest> Mutations => Fake.Requests.Where(r => r.IsMutation).ToList();

    /// <summary>Rewrites the manifest after changing it.</summary>
    public void EditManifest(Action<JsonObject> edit)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(ManifestPath))!.AsObject();
        edit(manifest);
        File.WriteAllText(ManifestPath, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public static JsonObject Resource(JsonObject manifest, string name) => manifest["resources"]![name]!.AsObject();

    /// <summary>The requests as a readable JSON list: the call, and its payload when it has one.</summary>
    public static string Transcript(IEnumerable<RecordedManagementRequest> requests)
    {
        var list = new JsonArray();
        foreach (var r in requests)
        {
            var entry = new JsonObject { ["call"] = r.Path == "/graphql" ? $"{r.Method} /graphql {r.Operation}" : $"{r.Method} {r.Path}" };
            if (r.Payload is JsonObject { Count: > 0 } or JsonArray)
            {
                entry["payload"] = r.Payload!.DeepClone();
            }

            list.Add(entry);
        }

        return list.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    public async ValueTask DisposeAsync()
    {
        await Fake.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The result of one flash command.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;
}
