using System.Net;
using Flash.Tests.Infrastructure;
using Flash.Workers;
using Flash.Workers.LoadBalanced;
using Microsoft.Extensions.DependencyInjection;

namespace Flash.Tests.Runtime;

/// <summary>
/// A job's result above RunPod's 20 MB limit is an error result that says so (with its size) instead of a body the
/// platform would refuse, and a result the serializer cannot write is not blamed on the method.
/// </summary>
public sealed class ResultLimitTests : FakeJobServerFixture
{
    private const string Source = """
        namespace LimitApp;

        public static class Jobs
        {
            [Endpoint("huge")]
            public static string Huge() => new string('x', 170_000_000);

            [Endpoint("sized")]
            public static string Sized(int length) => new string('x', length);
        }

        [Endpoint("sized-api")]
        public sealed class SizedApi
        {
            [Get("/sized")]
            public string Sized(int length) => new string('x', length);
        }
        """;

    private const string Advice =
        "RunPod takes job results up to 20 MB: return less, or write large outputs to storage (a network volume, object storage) and return where they are.";

    private static GeneratedApp _app = null!;

    [OneTimeSetUp]
    public static void Build() => _app = GeneratedApp.Build(Source, "LimitApp");

    [OneTimeTearDown]
    public static void Unload() => _app.Dispose();

    [Test]
    public void A_result_the_serializer_refuses_as_too_large_is_not_reported_as_an_exception_of_the_method()
    {
        var result = _app.Run("huge", """{"input": {}}""");

        Assert.That(result.ErrorKind, Is.EqualTo(JobErrorKind.Handler));
        Assert.That(result.Exception, Is.Null, "no traceback: the method did not throw");
        Assert.That(result.Error, Is.EqualTo($"The result of type 'System.String' cannot be written as JSON: The JSON value of length 170000000 is too large and not supported. {Advice}"));
    }

    [Test]
    public void A_result_above_20_MB_is_an_error_result_with_its_size_and_one_at_the_limit_is_sent()
    {
        var above = _app.Run("sized", Job(21 * 1024 * 1024));
        var atLimit = _app.Run("sized", Job((20 * 1024 * 1024) - 2));

        Assert.That(above.Error, Is.EqualTo($"The result is 21.0 MB of JSON. {Advice}"));
        Assert.That(atLimit.Error, Is.Null);
        Assert.That(atLimit.OutputJson!.Length, Is.EqualTo(20 * 1024 * 1024));
    }

    private static string Job(int length) => "{\"input\": {\"length\": " + length + "}}";

    [Test]
    public async Task The_queue_worker_posts_the_error_instead_of_a_body_runpod_would_refuse()
    {
        Fake.Enqueue("big", $$"""{"length": {{25 * 1024 * 1024}}}""");
        await using var worker = QueueWorkerHarness.Start(_app, "sized", QueueWorkerHarness.SettingsFor(Fake));

        var result = (await Fake.WaitForResultsAsync(1)).Single();

        Assert.That(result.Body, Is.EqualTo($$"""{"error":"The result is 25.0 MB of JSON. {{Advice}}"}"""));
    }

    [Test]
    public async Task A_load_balanced_route_is_not_held_to_the_job_result_limit()
    {
        var endpoint = _app.Registry.Find("sized-api")!;
        var server = new RouteServer(endpoint, development: false, new ListLogger(), new OverrunMethods(TimeSpan.FromSeconds(10)));
        server.Ready(EndpointRunner.Create(endpoint, GeneratedApp.Json, new ServiceCollection().BuildServiceProvider()));
        await using var web = await Web.StartAsync(app => server.Map(app, healthPort: null));

        var response = await web.SendAsync(HttpMethod.Get, $"/sized?length={21 * 1024 * 1024}", null);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Text.Length, Is.EqualTo((21 * 1024 * 1024) + 2));
    }
}
