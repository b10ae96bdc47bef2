using System.Diagnostics;
using System.Text;
using Caller;
using Flash.Client;
using Flash.Tests.Dev;
using Flash.Tests.Infrastructure;
using Quickstart;

namespace Flash.Tests.EndToEnd;

/// <summary>
/// The generated interface clients of samples/Caller against flash dev over the real Quickstart worker processes: each
/// call goes client → gateway → worker → gateway → client. One flash dev for the fixture.
/// </summary>
[NonParallelizable]
public sealed class GeneratedClientTests : IDisposable
{
    private FlashDevSession _dev = null!;
    private FlashClient _flash = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _dev = await FlashDevSession.StartAsync();
        _flash = DevClients.For(_dev.Url);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _dev.DisposeAsync();
        Assert.That(await _dev.Run, Is.EqualTo(0), _dev.Output);
    }

    [Test]
    public async Task A_runsync_call_returns_the_result_of_the_worker()
    {
        var result = await _flash.Get<ILargeTempStorage>().ProcessAsync(new Request("hello"));
        Assert.That(result, Is.EqualTo(new Result("processed hello", 5)));
    }

    [Test]
    public async Task A_queued_job_has_a_handle_whose_status_and_wait_give_the_result_of_the_worker()
    {
        var job = await _flash.Get<ILargeTempStorage>().StartAsync(new Request("later"));
        var status = await job.StatusAsync();
        var result = await job.WaitAsync(TimeSpan.FromSeconds(30));
        var after = await job.StatusAsync();

        Assert.That(status.JobId, Is.EqualTo(job.Id));
        Assert.That(status.State, Is.AnyOf(JobState.InQueue, JobState.InProgress, JobState.Completed));
        Assert.That(result, Is.EqualTo(new Result("processed later", 5)));
        Assert.That(after.State, Is.EqualTo(JobState.Completed));
        Assert.That(after.ExecutionTime, Is.Not.Null);
        Assert.That(job.Endpoint.Address.Display, Is.EqualTo("endpoint 'large-temp-storage'"));
    }

    [Test]
    [Platform(Exclude = "Win")]
    public async Task Cancelling_a_running_and_a_queued_job_makes_their_waits_throw_JobCancelledException()
    {
        // A paused worker holds its take open: the first job is handed to it (running), the second waits in the queue.
        var storage = _flash.Get<ILargeTempStorage>();
        var pid = await _dev.PauseWorkerWithTakeOpenAsync("large-temp-storage");
        try
        {
            var running = await storage.StartAsync(new Request("running"));
            await DevClients.WaitForStateAsync(running, JobState.InProgress);
            var queued = await storage.StartAsync(new Request("queued"));
            Assert.That((await queued.StatusAsync()).State, Is.EqualTo(JobState.InQueue));

            Assert.That((await running.CancelAsync()).State, Is.EqualTo(JobState.Cancelled));
            Assert.That((await queued.CancelAsync()).State, Is.EqualTo(JobState.Cancelled));
            foreach (var job in new[] { running, queued })
            {
                var cancelled = Assert.ThrowsAsync<JobCancelledException>(() => job.WaitAsync(TimeSpan.FromSeconds(30)));
                Assert.That(cancelled!.Message, Is.EqualTo($"Job {job.Id} of endpoint 'large-temp-storage' was cancelled before it finished, so it has no output."));
                Assert.That(cancelled.JobId, Is.EqualTo(job.Id));
            }
        }
        finally
        {
            Signals.Send("CONT", pid);
        }

        Assert.That(await storage.ProcessAsync(new Request("next")), Is.EqualTo(new Result("processed next", 4)), "the worker runs again after the cancelled jobs");
    }

    [Test]
    public async Task A_stream_yields_the_parts_of_the_worker_in_order()
    {
        var words = new List<string>();
        await foreach (var word in _flash.Get<IWords>().WordsAsync(new Request("the quick brown fox jumps over the lazy dog")))
        {
            words.Add(word);
        }

        Assert.That(words, Is.EqualTo(new[] { "the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog" }));
    }

    [Test]
    public async Task Both_routes_of_the_load_balanced_endpoint_answer_through_their_methods()
    {
        var api = _flash.Get<IInferenceApi>();
        Assert.That(await api.GenerateAsync("Once"), Is.EqualTo(new Generated("Once …and so on.")));
        Assert.That(await api.ModelsAsync(), Is.EqualTo(new[] { "quickstart-small", "quickstart-large" }));
    }

    [Test]
    public async Task The_Caller_sample_run_as_a_process_prints_the_result_of_every_endpoint_kind()
    {
        var start = new ProcessStartInfo("dotnet", [CallerDll])
        {
            WorkingDirectory = Path.GetDirectoryName(CallerDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            Environment = { ["FLASH_DEV_URL"] = _dev.Url, ["RUNPOD_API_KEY"] = null },
        };
        using var caller = Process.Start(start)!;
        var stdout = caller.StandardOutput.ReadToEndAsync();
        var stderr = caller.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await caller.WaitForExitAsync(timeout.Token);

        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.That(caller.ExitCode, Is.EqualTo(0), await stderr);
        Assert.That(lines, Has.Length.EqualTo(5), string.Join("\n", lines));
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("large-temp-storage /runsync: processed hello (5 characters)"));
            Assert.That(lines[1], Does.Match(@"^large-temp-storage /run: job \S+ gave processed later$"));
            Assert.That(lines[2], Is.EqualTo("word-stream /stream: one | two | three"));
            Assert.That(lines[3], Is.EqualTo("inference-api POST /generate: Once …and so on."));
            Assert.That(lines[4], Is.EqualTo("inference-api GET /models: quickstart-small, quickstart-large"));
        });
    }

    public void Dispose() => _flash.Dispose();

    /// <summary>The built samples/Caller beside the tests' own build configuration.</summary>
    private static string CallerDll => RepoPaths.SampleBinary("Caller");
}
