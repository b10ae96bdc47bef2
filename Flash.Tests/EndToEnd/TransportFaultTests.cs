using System.Diagnostics;
using Caller;
using Flash.Client;
using Flash.Tests.Dev;
using Flash.Tests.Infrastructure;
using Quickstart;

namespace Flash.Tests.EndToEnd;

/// <summary>
/// Transport faults between a generated client and flash dev, made by a proxy in front of it: a wait survives five
/// failed status polls in a row and not six; a job-creating POST that reached flash dev is never sent again, one whose
/// connection was refused is. Whether a job ran, and how often, is read from flash dev itself and the proxy's record.
/// </summary>
[NonParallelizable]
public sealed class TransportFaultTests : IDisposable
{
    private const string Endpoint = "large-temp-storage";

    /// <summary>The client's request timeout: a slower answer is a failed request.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(1);

    private FlashDevSession _dev = null!;
    private FaultProxy _proxy = null!;
    private FlashClient _direct = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _dev = await FlashDevSession.StartAsync();
        _proxy = await FaultProxy.StartAsync(_dev.Url);
        _direct = DevClients.For(_dev.Url);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _proxy.DisposeAsync();
        await _dev.DisposeAsync();
        Assert.That(await _dev.Run, Is.EqualTo(0), _dev.Output);
    }

    [Test]
    public async Task A_wait_survives_five_failed_status_polls_in_a_row_and_returns_the_result_of_the_worker()
    {
        using var flash = ThroughProxy();
        var job = await flash.Get<ILargeTempStorage>().StartAsync(new Request("five"));
        ProxyFault[] faults = [ProxyFault.Answer(500), ProxyFault.Answer(429), ProxyFault.ResetBefore, ProxyFault.SlowAnswer(RequestTimeout * 1.5), ProxyFault.ResetAfter];
        _proxy.Script("GET /status", faults);

        var result = await job.WaitAsync(TimeSpan.FromSeconds(30));

        var polls = StatusPolls(job.Id);
        Assert.That(result, Is.EqualTo(new Result("processed five", 4)));
        Assert.That(polls.Take(5), Is.EqualTo(faults));
        Assert.That(polls.Skip(5), Is.Not.Empty.And.All.Null, "the polls after the faults reached flash dev untouched");
    }

    [Test]
    [Platform(Exclude = "Win")]
    public async Task The_sixth_failed_status_poll_in_a_row_ends_the_wait_with_the_job_id_and_its_last_status()
    {
        using var flash = ThroughProxy();
        var pid = await _dev.PauseWorkerWithTakeOpenAsync(Endpoint);
        try
        {
            var job = await flash.Get<ILargeTempStorage>().StartAsync(new Request("six"));
            await DevClients.WaitForStateAsync(job, JobState.InProgress);
            var asked = StatusPolls(job.Id).Count;
            _proxy.Script(
                "GET /status",
                ProxyFault.Pass,
                ProxyFault.Answer(429), ProxyFault.ResetBefore, ProxyFault.SlowAnswer(RequestTimeout * 1.5), ProxyFault.ResetAfter, ProxyFault.Answer(503), ProxyFault.Answer(500));

            var failure = Assert.ThrowsAsync<EndpointUnavailableException>(() => job.WaitAsync(TimeSpan.FromSeconds(30)));

            Assert.That(failure!.Message, Is.EqualTo(
                $"Job {job.Id} of endpoint 'large-temp-storage' could not be followed: 6 requests for its status failed in a row " +
                $"(last status seen: IN_PROGRESS; last error: HTTP 500 Internal Server Error: HTTP 500 from the proxy). The job may still run: ask for it later with Job(\"{job.Id}\")."));
            Assert.That(failure.JobId, Is.EqualTo(job.Id));
            Assert.That(failure.LastStatus, Is.EqualTo(JobState.InProgress));
            Assert.That(StatusPolls(job.Id), Has.Count.EqualTo(asked + 7), "one poll through and six failed, none after");
            await job.CancelAsync();
        }
        finally
        {
            Signals.Send("CONT", pid);
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_run_whose_connection_drops_after_it_reached_flash_dev_is_not_sent_again_and_its_job_runs_once(bool connectionUsedBefore)
    {
        using var flash = ThroughProxy();
        if (connectionUsedBefore)
        {
            // A connection kept from an earlier request is one the HTTP stack itself would send a request again on.
            await DevClients.JobCountAsync(flash, Endpoint, "completed");
        }

        var completed = await DevClients.JobCountAsync(_direct, Endpoint, "completed");
        var runs = _proxy.RequestsOf("POST /run").Count;
        _proxy.Script("POST /run", ProxyFault.ResetAfter);

        var failure = Assert.ThrowsAsync<EndpointUnavailableException>(() => flash.Get<ILargeTempStorage>().StartAsync(new Request("dropped")));

        Assert.That(failure!.Message, Does.StartWith($"Endpoint 'large-temp-storage' could not be reached: POST {_proxy.BaseUrl}/v2/large-temp-storage/run failed ("));
        Assert.That(failure.Message, Does.EndWith(
            "). The request may have reached the endpoint, so a job may have been created; it was not sent again so that it cannot run twice. Check the endpoint's jobs before calling again."));
        Assert.That(_proxy.RequestsOf("POST /run"), Has.Count.EqualTo(runs + 1));
        await AssertCompletedJobsAsync(completed + 1);
    }

    [Test]
    public async Task A_run_whose_connection_drops_before_it_reached_flash_dev_is_not_sent_again_either_and_no_job_runs()
    {
        // The client cannot tell a drop before forwarding from one after: the request was sent, so it may have queued a job.
        using var flash = ThroughProxy();
        var completed = await DevClients.JobCountAsync(_direct, Endpoint, "completed");
        var runs = _proxy.RequestsOf("POST /run").Count;
        _proxy.Script("POST /run", ProxyFault.ResetBefore);

        Assert.ThrowsAsync<EndpointUnavailableException>(() => flash.Get<ILargeTempStorage>().StartAsync(new Request("dropped")));

        Assert.That(_proxy.RequestsOf("POST /run"), Has.Count.EqualTo(runs + 1));
        await AssertCompletedJobsAsync(completed);
    }

    [Test]
    public async Task A_run_whose_connection_was_refused_is_sent_again_and_its_job_runs_once()
    {
        using var flash = ThroughProxy();
        var completed = await DevClients.JobCountAsync(_direct, Endpoint, "completed");
        var runs = _proxy.RequestsOf("POST /run").Count;
        var refusal = TimeSpan.FromMilliseconds(150);
        var listening = await _proxy.RefuseConnectionsAsync(refusal);

        var elapsed = Stopwatch.StartNew();
        var job = await flash.Get<ILargeTempStorage>().StartAsync(new Request("refused"));
        elapsed.Stop();
        await listening;

        Assert.That(elapsed.Elapsed, Is.GreaterThanOrEqualTo(refusal), "the run was sent while the proxy refused connections, and again after");
        Assert.That(await job.WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(new Result("processed refused", 7)));
        Assert.That(_proxy.RequestsOf("POST /run"), Has.Count.EqualTo(runs + 1));
        await AssertCompletedJobsAsync(completed + 1);
    }

    public void Dispose() => _direct.Dispose();

    /// <summary>A client through the proxy with a request timeout of its own; a fresh one, as the proxy may have restarted.</summary>
    private FlashClient ThroughProxy()
    {
        var flash = DevClients.For(_proxy.BaseUrl);
        flash.Http().Timeout = RequestTimeout;
        return flash;
    }

    private List<ProxyFault?> StatusPolls(string jobId) =>
        _proxy.RequestsOf("GET /status").Where(r => r.Target.EndsWith("/" + jobId, StringComparison.Ordinal)).Select(r => r.Fault).ToList();

    /// <summary>
    /// Waits until flash dev has <paramref name="expected"/> completed jobs of the endpoint, then checks no other job is
    /// queued, running or completing after it.
    /// </summary>
    private async Task AssertCompletedJobsAsync(int expected)
    {
        var deadline = Stopwatch.StartNew();
        while (await DevClients.JobCountAsync(_direct, Endpoint, "completed") < expected && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        await Task.Delay(300);
        Assert.That(await DevClients.JobCountAsync(_direct, Endpoint, "completed"), Is.EqualTo(expected));
        Assert.That(await DevClients.JobCountAsync(_direct, Endpoint, "inQueue"), Is.Zero);
        Assert.That(await DevClients.JobCountAsync(_direct, Endpoint, "inProgress"), Is.Zero);
    }
}
