using Flash.FakeRunPod.Jobs;
using Microsoft.Extensions.Logging;

namespace Flash.Tests.Runtime;

/// <summary>
/// The job server misbehaves (500, 429, garbage, no answer, failing result posts) and handlers misbehave: nothing is
/// lost, nothing is posted twice, and the worker stays alive.
/// </summary>
public sealed class QueueFaultTests : FakeJobServerFixture
{
    [Test]
    public async Task A_take_answered_500_is_tried_again()
    {
        Fake.Inject("job-take", Fault.Status(500), Fault.Status(503));
        Fake.Enqueue("j-1", """{"text": "a"}""");
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "echo", QueueWorkerHarness.SettingsFor(Fake));

        var results = await Fake.WaitForResultsAsync(1);

        Assert.That(results.Single().Body, Is.EqualTo("""{"output":{"text":"a","length":1}}"""));
        Assert.That(worker.Log.At(LogLevel.Warning), Does.Contain("Job take failed: the job server answered 500 Internal Server Error; trying again."));
        Assert.That(worker.Log.At(LogLevel.Warning), Does.Contain("Job take failed: the job server answered 503 Service Unavailable; trying again."));
    }

    [Test]
    public async Task A_take_answered_429_backs_off_then_takes_again()
    {
        Fake.Inject("job-take", Fault.Status(429));
        Fake.Enqueue("j-1", """{"text": "a"}""");
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "echo", QueueWorkerHarness.SettingsFor(Fake));

        await Fake.WaitForResultsAsync(1);

        Assert.That(worker.Log.At(LogLevel.Warning), Does.Contain("The job server answered 429 Too Many Requests; taking no job for 100 ms."));
        Assert.That(Fake.Requests.Count(r => r.Kind == "job-take"), Is.GreaterThanOrEqualTo(2));
    }

    [TestCase("this is not json", "The job server answered a take with text that is not JSON ('this is not json' is an invalid JSON literal. Expected the literal 'true'. LineNumber: 0 | BytePositionInLine: 1.); taking it as no job: this is not json")]
    [TestCase("{\"input\": {\"text\": \"no id\"}}", "The job server handed out a job without an id, so no result can be sent for it; skipped: {\"input\": {\"text\": \"no id\"}}")]
    [TestCase("[1, 2]", "The job server handed out a job without an id, so no result can be sent for it; skipped: 1")]
    public async Task A_take_answered_with_garbage_is_no_job_and_the_worker_goes_on(string garbage, string logged)
    {
        Fake.Inject("job-take", Fault.Garbage(garbage));
        Fake.Enqueue("j-1", """{"text": "a"}""");
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "echo", QueueWorkerHarness.SettingsFor(Fake));

        var results = await Fake.WaitForResultsAsync(1);

        Assert.That(results.Select(r => r.JobId), Is.EqualTo(new[] { "j-1" }));
        Assert.That(worker.Log.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message), Does.Contain(logged));
    }

    [Test]
    public async Task A_take_that_gets_no_answer_times_out_and_is_tried_again()
    {
        Fake.Inject("job-take", Fault.Hang);
        Fake.Enqueue("j-1", """{"text": "a"}""");
        var settings = QueueWorkerHarness.SettingsFor(Fake) with { TakeTimeout = TimeSpan.FromMilliseconds(300) };
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "echo", settings);

        await Fake.WaitForResultsAsync(1);

        Assert.That(worker.Log.At(LogLevel.Warning), Does.Contain("Job take got no answer within 300 ms; trying again."));
    }

    [Test]
    public async Task A_result_post_that_fails_transiently_is_retried_and_accepted_once()
    {
        Fake.Inject("job-done", Fault.Status(500), Fault.Drop, Fault.Status(429));
        Fake.Enqueue("j-1", """{"text": "a"}""");
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "echo", QueueWorkerHarness.SettingsFor(Fake));

        await Fake.WaitForResultsAsync(1);
        await worker.StopAsync();

        var posts = Fake.Requests.Where(r => r.Kind == "job-done").ToList();
        Assert.That(posts, Has.Count.EqualTo(4), "three failures, then the one that was accepted");
        Assert.That(posts.Select(p => p.Body).Distinct(), Is.EqualTo(new[] { """{"output":{"text":"a","length":1}}""" }));
        Assert.That(Fake.Results, Has.Count.EqualTo(1));
        Assert.That(worker.Log.At(LogLevel.Warning), Does.Contain("Sending the result of job j-1 failed (try 1 of 6): 500 Internal Server Error."));
    }

    [Test]
    public async Task A_result_post_that_hangs_times_out_and_is_retried()
    {
        Fake.Inject("job-done", Fault.Hang);
        Fake.Enqueue("j-1", """{"text": "a"}""");
        var settings = QueueWorkerHarness.SettingsFor(Fake) with { PostTimeout = TimeSpan.FromMilliseconds(300) };
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "echo", settings);

        await Fake.WaitForResultsAsync(1);

        Assert.That(worker.Log.At(LogLevel.Warning), Does.Contain("Sending the result of job j-1 failed (try 1 of 6): no answer within 300 ms."));
    }

    [Test]
    public async Task A_result_that_can_never_be_delivered_is_logged_loudly_with_its_body_and_the_worker_goes_on()
    {
        Fake.Inject("job-done", Enumerable.Repeat(Fault.Status(502), 3).ToArray());
        Fake.Enqueue("lost", """{"text": "precious"}""");
        var settings = QueueWorkerHarness.SettingsFor(Fake) with { ResultAttempts = 3 };
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "echo", settings);

        await Fake.WaitForAsync(r => r.Count(x => x.Kind == "job-done") == 3, "three tries");
        Fake.Enqueue("next", """{"text": "b"}""");
        var results = await Fake.WaitForResultsAsync(1);

        Assert.That(results.Single().JobId, Is.EqualTo("next"));
        Assert.That(worker.Log.At(LogLevel.Critical), Is.EqualTo(new[]
        {
            """The result of job lost could NOT be delivered (502 Bad Gateway); the job server never got it. The result was: {"output":{"text":"precious","length":8}}""",
        }));
    }

    [Test]
    public async Task A_result_refused_with_a_client_error_is_not_retried_but_logged_loudly()
    {
        Fake.Inject("job-done", Fault.Status(404));
        Fake.Enqueue("gone", """{"text": "a"}""");
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "echo", QueueWorkerHarness.SettingsFor(Fake));

        await Fake.WaitForAsync(_ => worker.Log.At(LogLevel.Critical).Any(), "the critical log line");

        Assert.That(Fake.Requests.Count(r => r.Kind == "job-done"), Is.EqualTo(1));
        Assert.That(worker.Log.At(LogLevel.Critical).Single(), Does.StartWith("The result of job gone could NOT be delivered (404 Not Found)"));
    }

    [Test]
    public async Task A_job_handed_out_twice_while_running_runs_once_and_gets_one_result()
    {
        Fake.Enqueue("twice", """{"ms": 300}""");
        Fake.Enqueue("twice", """{"ms": 300}""");
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "slow", QueueWorkerHarness.SettingsFor(Fake));

        await Fake.WaitForResultsAsync(1);
        await worker.StopAsync();

        Assert.That(Fake.Requests.Count(r => r.Kind == "job-done"), Is.EqualTo(1));
        Assert.That(worker.Log.At(LogLevel.Warning), Does.Contain("Job twice was handed out again while it is still running; the second copy is ignored."));
    }

    [Test]
    public async Task A_failing_stream_part_post_is_retried_and_the_final_result_still_has_every_part()
    {
        Fake.Inject("job-stream", Fault.Status(500));
        Fake.Enqueue("s-1", """{"text": "a b"}""");
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "words", QueueWorkerHarness.SettingsFor(Fake));

        var result = (await Fake.WaitForResultsAsync(1)).Single();

        Assert.That(Fake.StreamParts.Select(p => p.Body), Is.EqualTo(new[] { """{"output":"a"}""", """{"output":"b"}""" }));
        Assert.That(result.Body, Is.EqualTo("""{"output":["a","b"]}"""));
    }
}
