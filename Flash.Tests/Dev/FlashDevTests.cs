using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

using Flash.Tests.Infrastructure;

namespace Flash.Tests.Dev;

/// <summary>
/// <c>flash dev</c> over the real built sample: every endpoint kind answers through the gateway with the sample's real
/// result, and the queue semantics (status, stream, cancel, a worker that dies) hold. One flash dev for the fixture.
/// </summary>
[NonParallelizable]
public sealed class FlashDevTests : IDisposable
{
    private const string Key = "dev-key-123";

    private FlashDevSession _dev = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _dev = await FlashDevSession.StartAsync("--api-key", Key);
        _http = new HttpClient { BaseAddress = new Uri(_dev.Url), Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _dev.DisposeAsync();
        Assert.That(await _dev.Run, Is.EqualTo(0), _dev.Output);
        Assert.That(_dev.Output, Does.Contain("flash dev stopped its workers."));
    }

    [Test]
    public void Each_endpoint_is_listed_with_its_kind_url_and_worker_then_the_FLASH_DEV_URL_line()
    {
        var lines = _dev.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Some.Match($@"^large-temp-storage  queue-based  {_dev.Url}/v2/large-temp-storage  \(worker pid \d+\)$"));
            Assert.That(lines, Has.Some.Match($@"^word-stream  queue-based  {_dev.Url}/v2/word-stream  \(worker pid \d+\)$"));
            Assert.That(lines, Has.Some.Match($@"^inference-api  load-balanced  {_dev.Url}/v2/inference-api  \(worker pid \d+, routes on port \d+\)$"));
            Assert.That(lines, Has.Some.EqualTo($"Set FLASH_DEV_URL={_dev.Url} for Flash clients. Ctrl+C stops flash dev."));
        });
    }

    [Test]
    public async Task A_queue_function_called_with_runsync_gives_the_sample_result()
    {
        var result = await PostAsync("/v2/large-temp-storage/runsync", """{"input": {"data": {"text": "hello"}}}""");
        Assert.That(result["status"]!.GetValue<string>(), Is.EqualTo("COMPLETED"), result.ToJsonString());
        Assert.That(result["output"]!.ToJsonString(), Is.EqualTo("""{"message":"processed hello","length":5}"""));
        Assert.That(result["id"]!.GetValue<string>(), Does.StartWith("sync-"));
    }

    [Test]
    public async Task A_job_submitted_with_run_is_queued_then_completes_and_health_counts_it()
    {
        var submitted = await PostAsync("/v2/global-inference/run", """{"input": {"data": {"text": "abc"}}}""");
        Assert.That(submitted["status"]!.GetValue<string>(), Is.EqualTo("IN_QUEUE"));
        var done = await FlashDevSession.WaitForStatusAsync(_http, "global-inference", submitted["id"]!.GetValue<string>(), "COMPLETED");
        Assert.That(done["output"]!.ToJsonString(), Is.EqualTo("""{"message":"inferred abc","length":3}"""));
        Assert.That(done["executionTime"], Is.Not.Null);
        var health = JsonNode.Parse(await _http.GetStringAsync("/v2/global-inference/health"))!;
        Assert.That(health["jobs"]!["completed"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(1), health.ToJsonString());
    }

    [Test]
    public async Task A_streaming_endpoint_returns_its_parts_once_each_through_stream_and_all_of_them_as_output()
    {
        var submitted = await PostAsync("/v2/word-stream/run", """{"input": {"data": {"text": "one two three"}}}""");
        var id = submitted["id"]!.GetValue<string>();
        var done = await FlashDevSession.WaitForStatusAsync(_http, "word-stream", id, "COMPLETED");
        Assert.That(done["output"]!.ToJsonString(), Is.EqualTo("""["one","two","three"]"""));
        var first = JsonNode.Parse(await _http.GetStringAsync($"/v2/word-stream/stream/{id}"))!;
        var second = JsonNode.Parse(await _http.GetStringAsync($"/v2/word-stream/stream/{id}"))!;
        Assert.That(first.ToJsonString(), Is.EqualTo("""{"status":"COMPLETED","stream":[{"output":"one"},{"output":"two"},{"output":"three"}]}"""));
        Assert.That(second.ToJsonString(), Is.EqualTo("""{"status":"COMPLETED","stream":[]}"""));
    }

    [Test]
    public async Task Load_balanced_routes_are_proxied_to_the_worker_with_their_method_and_body()
    {
        var generated = await PostAsync("/v2/inference-api/generate", """{"prompt": "hi"}""");
        var models = await _http.GetStringAsync("/v2/inference-api/models");
        Assert.That(generated["text"]!.GetValue<string>(), Is.EqualTo("hi …and so on."));
        Assert.That(models, Is.EqualTo("""["quickstart-small","quickstart-large"]"""));
    }

    [Test]
    public async Task An_unknown_endpoint_is_a_404_that_lists_the_app_endpoints()
    {
        using var response = await _http.PostAsync("/v2/nope/run", Json("""{"input": {}}"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"error":"The app has no endpoint 'nope'; its endpoints: global-inference, inference-api, large-temp-storage, persistent-storage, word-stream."}"""));
    }

    [Test]
    public async Task An_unknown_job_is_a_404_naming_it()
    {
        using var response = await _http.GetAsync("/v2/large-temp-storage/status/no-such-job");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"error":"Endpoint 'large-temp-storage' has no job 'no-such-job'."}"""));
    }

    [TestCase(null)]
    [TestCase("Bearer wrong")]
    public async Task Without_the_api_key_a_request_is_a_401(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/large-temp-storage/run") { Content = Json("""{"input": {}}""") };
        using var http = new HttpClient { BaseAddress = _http.BaseAddress };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"error":"flash dev was started with --api-key: send it as the Authorization header (Bearer <key>)."}"""));
    }

    [Test]
    public async Task The_api_key_is_also_taken_without_Bearer()
    {
        using var http = new HttpClient { BaseAddress = _http.BaseAddress };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", Key);
        using var response = await http.GetAsync("/v2/large-temp-storage/health");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("run", 10)]
    [TestCase("runsync", 20)]
    public async Task A_body_above_the_limit_is_a_413(string path, int megabytes)
    {
        var body = "{\"input\": {\"text\": \"" + new string('x', megabytes * 1024 * 1024) + "\"}}";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v2/large-temp-storage/{path}") { Content = Json(body) };

        // As a client that waits for the server's go-ahead before sending a large body: the refusal comes before it.
        request.Headers.ExpectContinue = true;
        using var response = await _http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo($$"""{"error":"The request body is larger than {{megabytes}} MB."}"""));
    }

    [Test]
    [Platform(Exclude = "Win")]
    public async Task Cancelled_jobs_end_CANCELLED_whether_queued_or_running_and_a_late_result_is_ignored()
    {
        // A paused worker holds its take open: the first job is handed to it (running), the second waits in the queue.
        var pid = await _dev.PauseWorkerWithTakeOpenAsync("persistent-storage");
        try
        {
            var running = (await PostAsync("/v2/persistent-storage/run", """{"input": {"data": {"text": "a"}}}"""))["id"]!.GetValue<string>();
            await FlashDevSession.WaitForStatusAsync(_http, "persistent-storage", running, "IN_PROGRESS");
            var queued = (await PostAsync("/v2/persistent-storage/run", """{"input": {"data": {"text": "b"}}}"""))["id"]!.GetValue<string>();

            var cancelledRunning = await PostAsync($"/v2/persistent-storage/cancel/{running}", "");
            var cancelledQueued = await PostAsync($"/v2/persistent-storage/cancel/{queued}", "");
            Assert.That(cancelledRunning.ToJsonString(), Does.Contain($"\"id\":\"{running}\",\"status\":\"CANCELLED\""));
            Assert.That(cancelledQueued["status"]!.GetValue<string>(), Is.EqualTo("CANCELLED"));

            Signals.Send("CONT", pid);
            var next = await PostAsync("/v2/persistent-storage/runsync", """{"input": {"data": {"text": "c"}}}""");
            Assert.That(next["status"]!.GetValue<string>(), Is.EqualTo("COMPLETED"), "the worker runs again after the cancelled job");
            var late = JsonNode.Parse(await _http.GetStringAsync($"/v2/persistent-storage/status/{running}"))!;
            Assert.That(late["status"]!.GetValue<string>(), Is.EqualTo("CANCELLED"));
            Assert.That(late["output"], Is.Null);
        }
        finally
        {
            Signals.Send("CONT", pid);
        }
    }

    [Test]
    [Platform(Exclude = "Win")]
    public async Task A_killed_worker_fails_its_running_job_with_its_exit_code_and_is_started_again()
    {
        var pid = await _dev.PauseWorkerWithTakeOpenAsync("large-temp-storage");
        string id;
        try
        {
            id = (await PostAsync("/v2/large-temp-storage/run", """{"input": {"data": {"text": "x"}}}"""))["id"]!.GetValue<string>();
            await FlashDevSession.WaitForStatusAsync(_http, "large-temp-storage", id, "IN_PROGRESS");
        }
        catch
        {
            // Never leave the worker paused for the tests after this one.
            Signals.Send("CONT", pid);
            throw;
        }

        Signals.Send("KILL", pid);
        var failed = await FlashDevSession.WaitForStatusAsync(_http, "large-temp-storage", id, "FAILED");
        Assert.That(failed["error"]!.GetValue<string>(), Is.EqualTo(
            "The worker of endpoint 'large-temp-storage' exited with code 137 while the job ran; flash dev starts it again."));
        Assert.That(_dev.Output, Does.Contain($"[large-temp-storage] the worker (pid {pid}) exited with code 137."));

        var again = await PostAsync("/v2/large-temp-storage/runsync", """{"input": {"data": {"text": "y"}}}""");
        Assert.That(again["output"]!.ToJsonString(), Is.EqualTo("""{"message":"processed y","length":1}"""), "the restarted worker takes jobs");
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode> PostAsync(string path, string body)
    {
        using var response = await _http.PostAsync(path, Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonNode.Parse(text)!;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
