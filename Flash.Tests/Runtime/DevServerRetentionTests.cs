using System.Net;
using System.Text.Json.Nodes;
using Flash.Tests.Infrastructure;
using Flash.Workers;
using Flash.Workers.Local;

namespace Flash.Tests.Runtime;

/// <summary>
/// The dev server keeps jobs the way RunPod does, and no more: results expire (/run after 30 minutes, /runsync after
/// 1 minute), at most a number of jobs and bytes are held (the oldest finished jobs go first), inputs are dropped once
/// a job starts, and asking for a dropped job says it expired instead of "no such job".
/// </summary>
[NonParallelizable]
public sealed class DevServerRetentionTests
{
    private const string Source = """
        namespace RetentionApp;

        public static class Gate
        {
            public static readonly ManualResetEventSlim Open = new(true);
        }

        public static class Jobs
        {
            [Endpoint("echo", MaxConcurrency = 4)]
            public static string Echo(string text) => text;

            [Endpoint("held")]
            public static string Held(string text)
            {
                Gate.Open.Wait(TimeSpan.FromMinutes(1));
                return "done";
            }
        }
        """;

    private static GeneratedApp _app = null!;

    private static ManualResetEventSlim Open => (ManualResetEventSlim)_app.Type("RetentionApp.Gate").GetField("Open")!.GetValue(null)!;

    [OneTimeSetUp]
    public static void Build() => _app = GeneratedApp.Build(Source, "RetentionApp");

    [OneTimeTearDown]
    public static void Unload()
    {
        Open.Set();
        _app.Dispose();
    }

    [TearDown]
    public void OpenTheGate() => Open.Set();

    [Test]
    public async Task Results_expire_like_runpods_and_an_expired_job_answers_a_404_saying_so()
    {
        var time = new ManualTime();
        using var server = Server("echo", new DevRetention(), time);
        await using var web = await Web.StartAsync(server.Map);

        var queued = await SubmitAsync(web, "/run", "a");
        var synced = await SubmitAsync(web, "/runsync", "b");
        await WaitForStatusAsync(web, queued, "COMPLETED");
        time.Advance(TimeSpan.FromSeconds(61));
        var syncAfterAMinute = await web.SendAsync(HttpMethod.Get, $"/status/{synced}", null);
        var runAfterAMinute = JsonNode.Parse(await web.Http.GetStringAsync($"/status/{queued}"))!;
        time.Advance(TimeSpan.FromMinutes(30));
        var runAfterHalfAnHour = await web.SendAsync(HttpMethod.Get, $"/status/{queued}", null);
        var neverExisted = await web.SendAsync(HttpMethod.Get, "/status/nope", null);

        const string limits = "a /run result is kept 30 minutes after the job ends, a /runsync result 1 minute, and at most 1000 jobs and 256 MB of job data are held";
        Assert.That((syncAfterAMinute.Status, syncAfterAMinute.Text), Is.EqualTo((HttpStatusCode.NotFound,
            $$"""{"error":"Job '{{synced}}' expired, and its result is gone: {{limits}}."}""")));
        Assert.That(runAfterAMinute["output"]!.GetValue<string>(), Is.EqualTo("a"));
        Assert.That((runAfterHalfAnHour.Status, runAfterHalfAnHour.Text), Is.EqualTo((HttpStatusCode.NotFound,
            $$"""{"error":"Job '{{queued}}' expired, and its result is gone: {{limits}}."}""")));
        Assert.That((neverExisted.Status, neverExisted.Text), Is.EqualTo((HttpStatusCode.NotFound, """{"error":"There is no job 'nope' on this server."}""")));
        Assert.That(server.HeldJobs, Is.Zero);
        Assert.That(server.HeldBytes, Is.Zero);
    }

    [Test]
    public async Task Past_the_job_bound_the_oldest_finished_jobs_are_dropped_and_say_so()
    {
        using var server = Server("echo", new DevRetention { MaxJobs = 3 }, new ManualTime());
        await using var web = await Web.StartAsync(server.Map);

        var ids = new List<string>();
        foreach (var text in new[] { "1", "2", "3", "4", "5" })
        {
            ids.Add(await SubmitAsync(web, "/runsync", text));
        }

        var first = await web.SendAsync(HttpMethod.Get, $"/status/{ids[0]}", null);
        var kept = await Task.WhenAll(ids.Skip(2).Select(id => web.Http.GetStringAsync($"/status/{id}")));

        Assert.That(server.HeldJobs, Is.EqualTo(3));
        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(JsonNode.Parse(first.Text)!["error"]!.GetValue<string>(), Does.StartWith(
            $"Job '{ids[0]}' was dropped to stay within the dev server's limits, and its result is gone: "));
        Assert.That(kept.Select(k => JsonNode.Parse(k)!["output"]!.GetValue<string>()), Is.EqualTo(new[] { "3", "4", "5" }));
    }

    [Test]
    public async Task Past_the_byte_bound_the_oldest_finished_results_are_dropped()
    {
        const long maxBytes = 1024 * 1024;
        using var server = Server("echo", new DevRetention { MaxBytes = maxBytes }, new ManualTime());
        await using var web = await Web.StartAsync(server.Map);
        var text = new string('x', 200 * 1024);

        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await SubmitAsync(web, "/runsync", text));
        }

        var oldest = await web.SendAsync(HttpMethod.Get, $"/status/{ids[0]}", null);
        var newest = JsonNode.Parse(await web.Http.GetStringAsync($"/status/{ids[^1]}"))!;

        // Each result is about 400 KB held (UTF-16): two fit in 1 MB, with the third job's input while it arrives.
        Assert.That(server.HeldBytes, Is.LessThanOrEqualTo(maxBytes));
        Assert.That(server.HeldJobs, Is.EqualTo(2));
        Assert.That(oldest.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(newest["output"]!.GetValue<string>(), Has.Length.EqualTo(text.Length));
    }

    [Test]
    public async Task A_job_drops_its_input_when_it_starts_and_a_server_full_of_waiting_jobs_refuses_more()
    {
        Open.Reset();
        using var server = Server("held", new DevRetention { MaxBytes = 1024 * 1024 }, new ManualTime());
        await using var web = await Web.StartAsync(server.Map);
        var input = new string('x', 400 * 1024);

        var running = await SubmitAsync(web, "/run", input);
        await WaitForStatusAsync(web, running, "IN_PROGRESS");
        var heldWhileRunning = server.HeldBytes;
        var queued = await SubmitAsync(web, "/run", input);
        var heldWithOneQueued = server.HeldBytes;
        await SubmitAsync(web, "/run", input);
        var refused = await web.SendAsync(HttpMethod.Post, "/run", $$$"""{"input": {"text": "{{{input}}}"}}""");
        Open.Set();
        await WaitForStatusAsync(web, queued, "COMPLETED");

        Assert.That(heldWhileRunning, Is.Zero, "the running job's input is no longer held");
        Assert.That(heldWithOneQueued, Is.InRange(400 * 1024, 401 * 1024), "a queued job holds its input");
        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(JsonNode.Parse(refused.Text)!["error"]!.GetValue<string>(), Does.StartWith(
            "The dev server is full: 3 jobs queued or running hold 0.8 MB, and a /run result is kept 30 minutes after the job ends"));
    }

    private static DevServer Server(string endpoint, DevRetention retention, TimeProvider time) =>
        new(_app.Runner(endpoint), new ListLogger(), new OverrunMethods(TimeSpan.FromSeconds(10)), retention, time);

    private static async Task<string> SubmitAsync(Web web, string path, string text)
    {
        var response = await web.SendAsync(HttpMethod.Post, path, $$$"""{"input": {"text": "{{{text}}}"}}""");
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        return JsonNode.Parse(response.Text)!["id"]!.GetValue<string>();
    }

    private static async Task WaitForStatusAsync(Web web, string id, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (JsonNode.Parse(await web.Http.GetStringAsync($"/status/{id}"))!["status"]!.GetValue<string>() != status)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"job {id} never reached {status}");
            await Task.Delay(10);
        }
    }

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks = TimeSpan.TicksPerDay;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
