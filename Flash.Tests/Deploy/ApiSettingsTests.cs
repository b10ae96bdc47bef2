extern alias cli;

using cli::Flash.Cli.Commands;
using cli::Flash.Cli.RunPod;

namespace Flash.Tests.Deploy;

/// <summary>Where flash sends its calls and which URLs it prints, from the environment.</summary>
public sealed class ApiSettingsTests
{
    [TestCase(null, null, null, "https://api.runpod.io/graphql", "https://rest.runpod.io/v1", "https://api.runpod.ai/v2/ep-1/runsync", "https://ep-1.api.runpod.ai")]
    [TestCase("https://API.runpod.io/", null, null, "https://api.runpod.io/graphql", "https://rest.runpod.io/v1", "https://api.runpod.ai/v2/ep-1/runsync", "https://ep-1.api.runpod.ai")]
    [TestCase("http://127.0.0.1:5757", null, null, "http://127.0.0.1:5757/graphql", "http://127.0.0.1:5757/v1", "http://127.0.0.1:5757/v2/ep-1/runsync", "http://ep-1.127.0.0.1:5757")]
    [TestCase("https://proxy.example.com/runpod/", null, null, "https://proxy.example.com/runpod/graphql", "https://proxy.example.com/runpod/v1", "https://proxy.example.com/runpod/v2/ep-1/runsync", "https://ep-1.proxy.example.com")]
    [TestCase("http://127.0.0.1:5757", "http://127.0.0.1:6000/rest", "https://calls.example.com/v2", "http://127.0.0.1:5757/graphql", "http://127.0.0.1:6000/rest", "https://calls.example.com/v2/ep-1/runsync", "https://ep-1.calls.example.com")]
    [TestCase(null, "http://127.0.0.1:6000/rest", null, "https://api.runpod.io/graphql", "http://127.0.0.1:6000/rest", "https://api.runpod.ai/v2/ep-1/runsync", "https://ep-1.api.runpod.ai")]
    public void An_api_base_away_from_RunPod_carries_the_REST_API_and_the_endpoint_URLs_unless_they_are_set(
        string? apiBase, string? rest, string? endpointBase, string graphQl, string expectedRest, string runSync, string loadBalancer)
    {
        var variables = new Dictionary<string, string?>
        {
            ["RUNPOD_API_BASE_URL"] = apiBase,
            ["RUNPOD_REST_API_URL"] = rest,
            ["RUNPOD_ENDPOINT_BASE_URL"] = endpointBase,
        };
        var env = new CliEnvironment("/", name => variables.GetValueOrDefault(name), "/", TextReader.Null, TextWriter.Null, TextWriter.Null);

        var settings = ApiSettings.FromEnvironment(env);

        Assert.That(settings.GraphQl.AbsoluteUri, Is.EqualTo(graphQl));
        Assert.That(settings.Rest.AbsoluteUri, Is.EqualTo(expectedRest));
        Assert.That(settings.RunSyncUrl("ep-1"), Is.EqualTo(runSync));
        Assert.That(settings.LoadBalancerUrl("ep-1"), Is.EqualTo(loadBalancer));
    }

    [Test]
    public async Task Pointed_at_a_stand_in_deploy_and_status_print_the_stand_ins_URLs()
    {
        await using var h = await CliHarness.StartAsync();
        h.Variables.Remove("RUNPOD_REST_API_URL");
        h.Variables.Remove("RUNPOD_ENDPOINT_BASE_URL");
        var host = new Uri(h.Fake.BaseUrl).Authority;

        var deploy = await h.RunAsync("deploy", "--yes", "--image", CliHarness.Image);
        var status = await h.RunAsync("status");

        Assert.That(deploy.ExitCode, Is.EqualTo(0), deploy.All);
        Assert.That(deploy.Out, Does.EndWith($"""
            Endpoints:
              NAME                CALL
              global-inference    POST http://{host}/v2/ep-0001/runsync
              inference-api       POST http://ep-0002.{host}/generate
                                  GET http://ep-0002.{host}/models
              large-temp-storage  POST http://{host}/v2/ep-0003/runsync
              persistent-storage  POST http://{host}/v2/ep-0004/runsync
              word-stream         POST http://{host}/v2/ep-0005/runsync

            """.Replace("\r\n", "\n")));
        Assert.That(status.Out, Does.Contain($"  global-inference    QB    ep-0001      yes        0..1     POST http://{host}/v2/ep-0001/runsync\n"));
        Assert.That(h.Fake.Account.Volumes, Has.Count.EqualTo(4), "the volumes were created on the stand-in, through {base}/v1");
    }
}
