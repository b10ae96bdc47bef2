namespace Flash.Tests.Deploy;

/// <summary>Every command's help names the settings flash reads from the environment, with their defaults.</summary>
public sealed class HelpTests
{
    private const string Settings = """

        Settings (environment variables):
          RUNPOD_API_KEY            The RunPod API key. When it is not set: api_key under [default] in ~/.runpod/config.toml.
          RUNPOD_API_BASE_URL       RunPod's API; GraphQL is at {value}/graphql. Default: https://api.runpod.io
          RUNPOD_REST_API_URL       RunPod's REST API (network volumes). Default: https://rest.runpod.io/v1, or {RUNPOD_API_BASE_URL}/v1 when that points elsewhere.
          RUNPOD_ENDPOINT_BASE_URL  The base of the endpoint URLs flash prints. Default: https://api.runpod.ai/v2, or {RUNPOD_API_BASE_URL}/v2 when that points elsewhere.


        """;

    [TestCase("--help", " [command] [options]\n")]
    [TestCase("plan --help", " plan [options]\n")]
    [TestCase("deploy --help", " deploy [options]\n")]
    [TestCase("undeploy --help", " undeploy [<NAME>] [options]\n")]
    [TestCase("status --help", " status [options]\n")]
    [TestCase("deploy -h", " deploy [options]\n")]
    [TestCase("env list --help", " env list [options]\n")]
    [TestCase("env delete --help", " env delete <NAME> [options]\n")]
    public async Task Help_ends_with_the_settings_and_their_defaults(string args, string usage)
    {
        await using var h = await CliHarness.StartAsync();

        var run = await h.RunAsync(args.Split(' '));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        Assert.That(run.Error, Is.Empty);
        Assert.That(run.Out, Does.StartWith("Description:\n"), "the usual help comes first");
        Assert.That(run.Out, Does.Contain("\nUsage:\n  ").And.Contain(usage));
        Assert.That(run.Out, Does.EndWith(Settings.Replace("\r\n", "\n")));
        Assert.That(h.Fake.Requests, Is.Empty);
    }
}
