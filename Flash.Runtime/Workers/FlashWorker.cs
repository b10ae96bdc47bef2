using System.Globalization;
using System.Net;
using System.Text.Json;
using Flash.Manifest;
using Flash.Workers.LoadBalanced;
using Flash.Workers.Local;
using Flash.Workers.Queue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flash.Workers;

/// <summary>
/// The entry point the generated <c>Main</c> calls: picks the endpoint this process serves and the mode, the way
/// RunPod's own worker does, and runs it. <c>--help</c> prints <see cref="Help"/>.
/// </summary>
public static class FlashWorker
{
    /// <summary>The variable RunPod sets on every worker to the name of the endpoint it serves.</summary>
    public const string ResourceNameVariable = "FLASH_RESOURCE_NAME";

    /// <summary>Exit code of a usage or configuration error (nothing ran).</summary>
    public const int UsageError = 2;

    /// <summary>Runs the worker with Flash's defaults.</summary>
    /// <param name="registry">The app's endpoints (the generated <c>FlashManifest.Registry</c>).</param>
    /// <param name="args">The command line.</param>
    /// <returns>The process exit code.</returns>
    public static Task<int> RunAsync(WorkerRegistry registry, string[] args) => RunAsync(registry, args, new FlashWorkerOptions());

    /// <summary>Runs the worker; <paramref name="configure"/> adds the app's services (constructor parameters of endpoint classes).</summary>
    /// <param name="registry">The app's endpoints (the generated <c>FlashManifest.Registry</c>).</param>
    /// <param name="args">The command line.</param>
    /// <param name="configure">Called on the host builder after Flash's defaults.</param>
    /// <returns>The process exit code.</returns>
    public static Task<int> RunAsync(WorkerRegistry registry, string[] args, Action<IHostApplicationBuilder> configure) =>
        RunAsync(registry, args, new FlashWorkerOptions { Configure = configure });

    /// <summary>Runs the worker.</summary>
    /// <param name="registry">The app's endpoints (the generated <c>FlashManifest.Registry</c>).</param>
    /// <param name="args">The command line.</param>
    /// <param name="options">Services, JSON, configuration and output.</param>
    /// <returns>The process exit code: 0, 1 for an error result in local test mode or a failed start, 2 for a usage error.</returns>
    public static async Task<int> RunAsync(WorkerRegistry registry, string[] args, FlashWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);
        var stdout = options.Out ?? Console.Out;
        var stderr = options.Error ?? Console.Error;
        var command = WorkerCommand.Parse(args, out var usage);
        if (command is null)
        {
            await stderr.WriteLineAsync(usage + " Run with --help for the options.").ConfigureAwait(false);
            return UsageError;
        }

        if (command.Mode == WorkerMode.Help)
        {
            await stdout.WriteLineAsync(Help(registry)).ConfigureAwait(false);
            return 0;
        }

        var endpointName = command.Endpoint ?? Setting(options, ResourceNameVariable);
        var endpoint = string.IsNullOrEmpty(endpointName) ? null : registry.Find(endpointName);
        if (endpoint is null)
        {
            await stderr.WriteLineAsync(
                (string.IsNullOrEmpty(endpointName)
                    ? $"No endpoint chosen: set {ResourceNameVariable} or pass --endpoint NAME."
                    : $"Unknown endpoint '{endpointName}'.") +
                $" This app has: {string.Join(", ", registry.Endpoints.Select(e => e.Definition.Name))}.").ConfigureAwait(false);
            return UsageError;
        }

        var testInput = command.TestInput is { } given ? ReadArgument(given) : null;
        var json = options.Json ?? FlashJson.CreateOptions(registry.JsonResolver);
        var loadBalanced = endpoint.Definition.Kind == EndpointKind.LoadBalanced;
        if (testInput is null && command.Mode == WorkerMode.Serve)
        {
            return loadBalanced
                ? await RunRoutesAsync(endpoint, json, options, local: (command.Host, command.Port)).ConfigureAwait(false)
                : await ServeAsync(endpoint, json, options, command.Host, command.Port).ConfigureAwait(false);
        }

        if (testInput is null && loadBalanced)
        {
            return await RunRoutesAsync(endpoint, json, options, local: null).ConfigureAwait(false);
        }

        if (testInput is null && Setting(options, QueueSettings.GetJobVariable) is null && File.Exists(TestRun.InputFile))
        {
            testInput = await File.ReadAllTextAsync(TestRun.InputFile).ConfigureAwait(false);
        }

        if (testInput is not null)
        {
            return await TestAsync(endpoint, json, options, testInput, command.TestOutput is { } expected ? ReadArgument(expected) : null, stdout, stderr).ConfigureAwait(false);
        }

        if (Setting(options, QueueSettings.GetJobVariable) is null)
        {
            await stderr.WriteLineAsync(
                $"Endpoint '{endpoint.Definition.Name}' has no job source: RunPod sets {QueueSettings.GetJobVariable}; locally pass " +
                $"--test-input '{{\"input\": {{…}}}}', put a {TestRun.InputFile} in the working directory, or run `serve`. See --help.").ConfigureAwait(false);
            return UsageError;
        }

        return await RunQueueAsync(endpoint, json, options).ConfigureAwait(false);
    }

    /// <summary>Runs one job given as <c>{"input": …}</c> text against an endpoint with only static methods or a parameterless constructor.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="jobJson">The job: a JSON object with an <c>input</c> property.</param>
    /// <param name="json">Serializer options for inputs and results.</param>
    /// <param name="cancellationToken">Cancels the job.</param>
    /// <returns>The job result; malformed job text is an error result.</returns>
    public static async Task<JobResult> RunOneAsync(WorkerEndpoint endpoint, string jobJson, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var runner = EndpointRunner.Create(endpoint, json, new ServiceCollection().BuildServiceProvider());
        return await TestRun.RunJobAsync(runner, jobJson, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The help text: modes, options and variables, and the app's endpoints.</summary>
    /// <param name="registry">The app's endpoints.</param>
    /// <returns>The text.</returns>
    public static string Help(WorkerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var endpoints = string.Join(
            "\n",
            registry.Endpoints.Select(e => $"  {e.Definition.Name,-28} {Describe(e)}"));
        return $"""
            Runs one endpoint of this app as a RunPod Serverless worker.

            Usage:
              <app> [--endpoint NAME]                          production: the mode follows the endpoint and the environment
              <app> [--endpoint NAME] --test-input JSON [--test-output JSON]
              <app> [--endpoint NAME] serve [--port N] [--host ADDRESS]
              <app> --help

            Choosing the endpoint:
              --endpoint NAME        the endpoint to serve; default: ${ResourceNameVariable} (RunPod sets it on every worker)

            Modes:
              queue worker           when {QueueSettings.GetJobVariable} is set (RunPod sets it on queue-based workers): takes
                                     jobs, runs up to the endpoint's MaxConcurrency at once, posts results, streams the parts of
                                     IAsyncEnumerable methods, sends heartbeats, honours job stops and the execution timeout;
                                     SIGTERM stops taking jobs and gives running ones a grace period
              load-balanced          for an endpoint with HTTP routes: serves them on $PORT (default 80) on all interfaces,
                                     /ping on $PORT_HEALTH (default $PORT): 204 while starting, 200 when ready
              local test             --test-input JSON (or a file name): runs one job {"{"}"input": {"{"}…{"}"}{"}"}, prints its result
                                     and exits 0, or 1 for an error result; without --test-input and without
                                     {QueueSettings.GetJobVariable}, ./{TestRun.InputFile} is used when present
                                     --test-output JSON (or a file name): compare the result with this one; exit 1 when they differ
              dev server             serve: RunPod's endpoint API on http://127.0.0.1:{WorkerCommand.DefaultServePort} (--port, --host to change):
                                     POST /run, POST /runsync, GET /status/ID, GET /stream/ID, POST /cancel/ID, GET /health,
                                     also under /v2/ENDPOINT_ID/; a load-balanced endpoint serves its routes there instead

            Environment (RunPod sets the RUNPOD_ ones):
              RUNPOD_WEBHOOK_GET_JOB, RUNPOD_WEBHOOK_POST_OUTPUT, RUNPOD_WEBHOOK_POST_STREAM, RUNPOD_WEBHOOK_PING,
              RUNPOD_PING_INTERVAL (ms, default 10000), RUNPOD_AI_API_KEY, RUNPOD_POD_ID, PORT, PORT_HEALTH
              FLASH_SHUTDOWN_GRACE_MS (default 8000)   FLASH_RESULT_ATTEMPTS (default 6)   FLASH_RETRY_DELAY_MS (default 500)
              FLASH_TAKE_TIMEOUT_MS (default 90000)    FLASH_POST_TIMEOUT_MS (default 30000)
              FLASH_IDLE_POLL_MS (default 1000)        FLASH_THROTTLE_MS (default 5000, after a 429)
              Logging and the app's own settings come from appsettings.json and the environment, as in any .NET host.

            Endpoints:
            {endpoints}
            """;
    }

    private static string Describe(WorkerEndpoint endpoint) => endpoint.Definition.Kind switch
    {
        EndpointKind.LoadBalanced => "load-balanced: " + string.Join(", ", endpoint.Functions.Select(f => f.HttpMethod + " " + f.HttpPath)),
        EndpointKind.QueueClass => "queue-based class: \"method\" is one of " + string.Join(", ", endpoint.Functions.Select(f => f.Name)),
        _ => "queue-based: " + endpoint.Functions[0].Name,
    };

    private static async Task<int> TestAsync(WorkerEndpoint endpoint, JsonSerializerOptions json, FlashWorkerOptions options, string job, string? expected, TextWriter stdout, TextWriter stderr)
    {
        using var host = WorkerHosting.CreateBuilder(options).Build();
        var runner = Activate(endpoint, json, host.Services);
        return runner is null ? 1 : await TestRun.RunAsync(runner, job, expected, stdout, stderr, CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task<int> RunQueueAsync(WorkerEndpoint endpoint, JsonSerializerOptions json, FlashWorkerOptions options)
    {
        using var host = WorkerHosting.CreateBuilder(options).Build();
        var logger = Logger(host.Services);
        QueueSettings settings;
        try
        {
            settings = QueueSettings.FromConfiguration(host.Services.GetRequiredService<IConfiguration>())!;
        }
        catch (FormatException ex)
        {
            logger.LogCritical("{Message}", ex.Message);
            return UsageError;
        }

        var runner = Activate(endpoint, json, host.Services);
        if (runner is null)
        {
            return 1;
        }

        await host.StartAsync().ConfigureAwait(false);
        using (var api = new JobApi(settings, logger))
        {
            var worker = new QueueWorker(runner, settings, api, logger);
            await worker.RunAsync(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping).ConfigureAwait(false);
        }

        await host.StopAsync().ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> ServeAsync(WorkerEndpoint endpoint, JsonSerializerOptions json, FlashWorkerOptions options, string address, int port)
    {
        var builder = WorkerHosting.CreateWebBuilder(options);
        builder.WebHost.ConfigureKestrel(k => Listen(k, address, port));
        await using var app = builder.Build();
        var runner = Activate(endpoint, json, app.Services);
        if (runner is null)
        {
            return 1;
        }

        new DevServer(runner, Logger(app.Services)).Map(app);
        await app.StartAsync().ConfigureAwait(false);
        Logger(app.Services).LogInformation("Dev server for endpoint '{Endpoint}' listening on {Addresses}", endpoint.Definition.Name, Addresses(app));
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> RunRoutesAsync(WorkerEndpoint endpoint, JsonSerializerOptions json, FlashWorkerOptions options, (string Address, int Port)? local)
    {
        var builder = WorkerHosting.CreateWebBuilder(options);
        int? healthPort = null;
        if (local is { } bind)
        {
            builder.WebHost.ConfigureKestrel(k => Listen(k, bind.Address, bind.Port));
        }
        else
        {
            var port = Port(builder.Configuration, "PORT") ?? 80;
            healthPort = Port(builder.Configuration, "PORT_HEALTH") is { } health && health != port ? health : null;
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.ListenAnyIP(port);
                if (healthPort is { } h)
                {
                    k.ListenAnyIP(h);
                }
            });
        }

        await using var app = builder.Build();
        var logger = Logger(app.Services);
        var server = new RouteServer(endpoint, app.Environment.IsDevelopment(), logger);
        server.Map(app, healthPort);
        await app.StartAsync().ConfigureAwait(false);
        logger.LogInformation("Load-balanced endpoint '{Endpoint}' listening on {Addresses}; starting.", endpoint.Definition.Name, Addresses(app));

        // The server answers /ping with 204 while the endpoint class is created, then 200.
        var runner = Activate(endpoint, json, app.Services);
        if (runner is null)
        {
            await app.StopAsync().ConfigureAwait(false);
            return 1;
        }

        server.Ready(runner);
        logger.LogInformation("Endpoint '{Endpoint}' is ready.", endpoint.Definition.Name);
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    private static EndpointRunner? Activate(WorkerEndpoint endpoint, JsonSerializerOptions json, IServiceProvider services)
    {
        var logger = Logger(services);
        if (FlashJson.IsPrimitivesOnly(json))
        {
            logger.LogWarning(
                "This app declares no JsonSerializerContext and reflection-based JSON is off (Native AOT or trimming): only primitive " +
                "parameters and results can be bound. Add a partial class deriving from JsonSerializerContext with [JsonSerializable(typeof(T))] for each parameter and result type.");
        }

        try
        {
            return EndpointRunner.Create(endpoint, json, services);
        }
        catch (InvalidOperationException ex)
        {
            logger.LogCritical(ex.InnerException, "{Message}", ex.Message);
            return null;
        }
    }

    private static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, string address, int port)
    {
        if (string.Equals(address, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(port);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(address), port);
        }
    }

    private static string Addresses(IHost app) =>
        string.Join(", ", app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []);

    private static ILogger Logger(IServiceProvider services) => services.GetRequiredService<ILoggerFactory>().CreateLogger("Flash.Worker");

    private static int? Port(IConfiguration configuration, string key) =>
        int.TryParse(configuration[key], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536 ? port : null;

    private static string? Setting(FlashWorkerOptions options, string key) =>
        options.Settings is { } settings && settings.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value)
            ? value
            : Environment.GetEnvironmentVariable(key) is { Length: > 0 } env ? env : null;

    /// <summary>JSON text as given, or the content of the file it names when it is not JSON and such a file exists.</summary>
    private static string ReadArgument(string value)
    {
        var trimmed = value.TrimStart();
        return trimmed.StartsWith('{') || trimmed.StartsWith('[') || !File.Exists(value) ? value : File.ReadAllText(value);
    }
}
