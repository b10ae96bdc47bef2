extern alias cli;

using cli::Flash.Cli.Dev;
using cli::Flash.Workers.Local;

namespace Flash.Tests.Dev;

/// <summary>The job queue of one flash dev endpoint, driven as a worker drives it.</summary>
public sealed class DevQueueTests
{
    private static readonly TimeSpan NoHold = TimeSpan.Zero;

    [Test]
    public async Task A_job_past_the_execution_timeout_ends_TIMED_OUT_is_handed_to_job_stop_and_its_late_result_is_ignored()
    {
        using var queue = new DevQueue("slow", executionTimeoutMs: 50, new DevRetention(), TimeProvider.System);
        var job = Submit(queue, "job-1");
        var taken = await queue.TakeAsync(1, NoHold, CancellationToken.None);

        await job.Finished.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stops = await queue.StopsAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        queue.Complete("job-1", "\"late\"", null);

        Assert.That(taken, Is.EqualTo(new[] { """{"id":"job-1","input":{"x":1}}""" }));
        Assert.That((job.Status, job.Error), Is.EqualTo(("TIMED_OUT", "The job ran longer than the endpoint's execution timeout (50 ms).")));
        Assert.That(stops, Is.EqualTo(new[] { "job-1" }));
        Assert.That(job.OutputJson, Is.Null);
    }

    [Test]
    public async Task A_batch_take_hands_out_up_to_the_batch_size_in_submission_order()
    {
        using var queue = new DevQueue("batch", executionTimeoutMs: 0, new DevRetention(), TimeProvider.System);
        Submit(queue, "a");
        Submit(queue, "b");
        Submit(queue, "c");

        var first = await queue.TakeAsync(2, NoHold, CancellationToken.None);
        var second = await queue.TakeAsync(2, NoHold, CancellationToken.None);

        Assert.That(first.Select(j => j[..10]), Is.EqualTo(new[] { """{"id":"a",""", """{"id":"b",""" }));
        Assert.That(second.Select(j => j[..10]), Is.EqualTo(new[] { """{"id":"c",""" }));
    }

    [Test]
    public void Past_the_job_limit_the_oldest_finished_job_is_dropped_and_asking_for_it_says_so()
    {
        using var queue = new DevQueue("small", executionTimeoutMs: 0, new DevRetention { MaxJobs = 1 }, TimeProvider.System);
        var first = Submit(queue, "first");
        queue.Cancel(first);
        Submit(queue, "second");

        Assert.That(queue.Find("first", out var forgotten), Is.Null);
        Assert.That(queue.NotFound("first", forgotten), Does.StartWith("Job 'first' was dropped to stay within flash dev's limits, and its result is gone: "));
        Assert.That(queue.TryAdd(new DevJob("third", sync: false, "{}", TimeProvider.System), out var refusal), Is.False, "only a queued job is held: no room");
        Assert.That(refusal, Does.StartWith("flash dev is full: 1 jobs of 'small' are queued or running"));
    }

    private static DevJob Submit(DevQueue queue, string id)
    {
        var job = new DevJob(id, sync: false, """{"x":1}""", TimeProvider.System);
        Assert.That(queue.TryAdd(job, out var refusal), Is.True, refusal);
        return job;
    }
}
