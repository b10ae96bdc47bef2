using Flash.FakeRunPod.Endpoints;
using Flash.Tests.Infrastructure;
using Flash.Workers;
using Flash.Workers.Local;

namespace Flash.Tests.Runtime;

/// <summary>
/// An endpoint calls another endpoint of its app through its generated client, from the FlashClient it takes in its
/// constructor: the worker's services provide it, and the callee is found where the worker's configuration says.
/// </summary>
public sealed class EndpointCallsEndpointTests
{
    private const string Source = """
        namespace CallingApp;

        [Endpoint("shout")]
        public sealed class Shout(Flash.Client.FlashClient flash)
        {
            private readonly FlashClients.Upper _upper = flash.Get<FlashClients.Upper>();

            public async Task<string> Run(string text, CancellationToken ct) => await _upper.RunSyncAsync(text, ct) + "!";
        }

        public static class Jobs
        {
            [Endpoint("upper")]
            public static string Upper(string text) => text.ToUpperInvariant();
        }
        """;

    [Test]
    public async Task An_endpoint_class_calls_another_endpoint_through_its_generated_client_where_the_configuration_says()
    {
        using var app = GeneratedApp.Build(Source, "CallingApp");
        await using var fake = await FakeEndpointServer.StartAsync();
        fake.Script("POST /runsync", EndpointReply.Job("job-1", "COMPLETED", "\"HELLO\""));
        var builder = WorkerHosting.CreateBuilder(new FlashWorkerOptions
        {
            Settings = new Dictionary<string, string?> { ["Flash:Endpoints:upper"] = fake.UrlOf("upper") },
        });
        using var host = builder.Build();
        var runner = EndpointRunner.Create(app.Registry.Find("shout")!, FlashJson.CreateOptions(app.Registry.JsonResolver), host.Services);

        var result = (await TestRun.RunJobAsync(runner, """{"input": {"text": "hello"}}""", CancellationToken.None)).Result;

        Assert.That(result.OutputJson, Is.EqualTo("\"HELLO!\""));
        var call = fake.Requests.Single();
        Assert.That(call.Route, Is.EqualTo("POST /runsync"));
        Assert.That(call.Target, Is.EqualTo("/v2/upper/runsync"));
        Assert.That(call.Body, Is.EqualTo("""{"input":{"text":"hello"}}"""));
    }
}
