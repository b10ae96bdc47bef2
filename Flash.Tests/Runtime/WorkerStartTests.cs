using System.Globalization;
using Flash.Manifest;
using Flash.Tests.Infrastructure;
using Flash.Workers;

namespace Flash.Tests.Runtime;

/// <summary>How a worker starts: the endpoint it picks, and routes it cannot serve stopping it with one clear line.</summary>
public sealed class WorkerStartTests
{
    [Test]
    public async Task An_app_with_one_endpoint_serves_it_without_being_told_its_name()
    {
        var registry = new WorkerRegistry([Endpoint("only", EndpointKind.QueueFunction, new WorkerFunction(new FunctionDefinition { Name = "Echo", HttpMethod = null, HttpPath = null }, EchoText))]);
        var (exit, stdout, stderr) = await RunAsync(registry, "--test-input", """{"input": {"text": "hi"}}""");

        Assert.That((exit, stdout, stderr), Is.EqualTo((0, "{\"output\":\"hi\"}\n", string.Empty)));
    }

    [Test]
    public async Task An_app_with_several_endpoints_still_needs_one_named()
    {
        var registry = new WorkerRegistry(
        [
            Endpoint("a", EndpointKind.QueueFunction, new WorkerFunction(new FunctionDefinition { Name = "Echo", HttpMethod = null, HttpPath = null }, EchoText)),
            Endpoint("b", EndpointKind.QueueFunction, new WorkerFunction(new FunctionDefinition { Name = "Echo", HttpMethod = null, HttpPath = null }, EchoText)),
        ]);
        var (exit, stdout, stderr) = await RunAsync(registry, "--test-input", """{"input": {"text": "hi"}}""");

        Assert.That((exit, stdout, stderr), Is.EqualTo((2, string.Empty, "No endpoint chosen: set FLASH_RESOURCE_NAME or pass --endpoint NAME. This app has: a, b.\n")));
    }

    [TestCase("/a/{id", "There is an incomplete parameter in the route template. Check that each '{' character has a matching '}' character")]
    [TestCase("/a/{id}/{id}", "The route parameter name 'id' appears more than one time in the route template")]
    [TestCase("/a/{id:nope}", "The constraint reference 'nope' could not be resolved to a type. Register the constraint type with 'Microsoft.AspNetCore.Routing.RouteOptions.ConstraintMap'")]
    public async Task A_route_the_server_cannot_serve_stops_it_at_start_with_one_line_and_exit_code_2(string path, string reason)
    {
        var registry = new WorkerRegistry(
        [
            Endpoint(
                "api",
                EndpointKind.LoadBalanced,
                new WorkerFunction(new FunctionDefinition { Name = "List", HttpMethod = "GET", HttpPath = "/items" }, EchoText),
                new WorkerFunction(new FunctionDefinition { Name = "Get", HttpMethod = "GET", HttpPath = path }, EchoText)),
        ]);
        var (exit, stdout, stderr) = await RunAsync(registry, "serve", "--port", WorkerProcess.FreePort().ToString(CultureInfo.InvariantCulture));

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Is.EqualTo($"Endpoint 'api' cannot serve GET {path} (Get): {reason}. Fix the route template of Get.\n"));
        Assert.That(stdout, Is.Empty);
    }

    private static ValueTask<JobResult> EchoText(System.Text.Json.JsonElement input, JobContext context) =>
        new(JobResult.Output(input.GetProperty("text").GetRawText()));

    private static WorkerEndpoint Endpoint(string name, EndpointKind kind, params WorkerFunction[] functions) =>
        new(
            new EndpointDefinition { Name = name, Kind = kind },
            functions);

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(WorkerRegistry registry, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = await FlashWorker.RunAsync(registry, args, new FlashWorkerOptions { Out = stdout, Error = stderr, Settings = new Dictionary<string, string?>() })
            .WaitAsync(TimeSpan.FromMinutes(1));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
