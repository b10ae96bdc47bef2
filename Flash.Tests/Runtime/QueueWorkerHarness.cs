using Flash.FakeRunPod.Jobs;
using Flash.Tests.Infrastructure;
using Flash.Workers.Queue;
using Microsoft.Extensions.Configuration;

namespace Flash.Tests.Runtime;

/// <summary>
/// A queue worker run in-process against the fake job server, with short timeouts so faults resolve quickly, and a
/// logger that keeps what it said. Disposing it sends the stop signal and waits for the worker to return.
/// </summary>
internal sealed class QueueWorkerHarness : IAsyncDisposable
{
    private QueueWorkerHarness(QueueWorker worker, JobApi api, ListLogger log, QueueSettings settings)
    {
        Worker = worker;
        Api = api;
        Log = log;
        Settings = settings;
        Run = Task.Run(() => worker.RunAsync(Stopping.Token));
    }

    public QueueWorker Worker { get; }

    public JobApi Api { get; }

    public ListLogger Log { get; }

    public QueueSettings Settings { get; }

    public CancellationTokenSource Stopping { get; } = new();

    public Task<bool> Run { get; }

    /// <summary>Test defaults: every wait short, heartbeats rare unless asked for.</summary>
    public static QueueSettings SettingsFor(FakeJobServer fake, Dictionary<string, string?>? environment = null) =>
        QueueSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(environment ?? fake.WorkerEnvironment()).Build())! with
        {
            TakeTimeout = TimeSpan.FromSeconds(1),
            PostTimeout = TimeSpan.FromSeconds(1),
            IdlePollInterval = TimeSpan.FromMilliseconds(20),
            ThrottleDelay = TimeSpan.FromMilliseconds(100),
            RetryDelay = TimeSpan.FromMilliseconds(10),
            ShutdownGrace = TimeSpan.FromSeconds(5),
            PingInterval = TimeSpan.FromSeconds(30),
        };

    public static QueueWorkerHarness Start(GeneratedApp app, string endpoint, QueueSettings settings)
    {
        var log = new ListLogger();
        var api = new JobApi(settings, log);
        return new QueueWorkerHarness(new QueueWorker(app.Runner(endpoint), settings, api, log), api, log, settings);
    }

    /// <summary>Sends the stop signal and waits until the worker returned (it must, within the grace period and the posts).</summary>
    public async Task StopAsync()
    {
        await Stopping.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!Run.IsCompleted)
        {
            await StopAsync();
        }

        Api.Dispose();
        Stopping.Dispose();
    }
}
