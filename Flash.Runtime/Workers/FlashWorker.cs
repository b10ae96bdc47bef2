using System.Net;
using System.Text.Json;
using Flash.Manifest;
using Flash.Workers.LoadBalanced;
using Flash.Workers.Local;
using Flash.Workers.Queue;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flash.Workers;

/// <summary>
/// The worker's entry point, called by the generated <c>Main</c> or by the app's own: picks the endpoint this process
/// serves and the mode, the way RunPod's own worker does, and runs it. <c>--help</c> prints the modes, options and settings.
/// </summary>
public static class FlashWorker
{
    /// <summary>Exit code of a usage or configuration error (nothing ran).</summary>
    private const int UsageError = 2;

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

        WorkerSettings settings;
        try
        {
            settings = WorkerSettings.Read(WorkerHosting.SettingsConfiguration(options));
        }
        catch (WorkerSettingsException ex)
        {
            await stderr.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return UsageError;
        }

        var endpoint = ChooseEndpoint(registry, command.Endpoint ?? settings.ResourceName, out var problem);
        string? testInput = null, expected = null;
        if (endpoint is null ||
            (command.TestInput is { } given && !TryReadArgument("--test-input", given, out testInput, out problem)) ||
            (command.TestOutput is { } wanted && !TryReadArgument("--test-output", wanted, out expected, out problem)))
        {
            await stderr.WriteLineAsync(problem).ConfigureAwait(false);
            return UsageError;
        }

        var json = options.Json ?? FlashJson.CreateOptions(registry.JsonResolver);
        var loadBalanced = endpoint.Definition.Kind == EndpointKind.LoadBalanced;
        if (testInput is null && command.Mode == WorkerMode.Serve)
        {
            return loadBalanced
                ? await RunRoutesAsync(endpoint, json, options, settings, stderr, local: (command.Host, command.Port)).ConfigureAwait(false)
                : await ServeAsync(endpoint, json, options, settings, command.Host, command.Port).ConfigureAwait(false);
        }

        if (testInput is null && loadBalanced)
        {
            return await RunRoutesAsync(endpoint, json, options, settings, stderr, local: null).ConfigureAwait(false);
        }

        if (testInput is null && settings.Queue is null && File.Exists(TestRun.InputFile) && !TryReadArgument(TestRun.InputFile, TestRun.InputFile, out testInput, out problem))
        {
            await stderr.WriteLineAsync(problem).ConfigureAwait(false);
            return UsageError;
        }

        if (testInput is not null)
        {
            return await TestAsync(endpoint, json, options, testInput, expected, stdout, stderr).ConfigureAwait(false);
        }

        if (settings.Queue is not { } queue)
        {
            await stderr.WriteLineAsync(
                $"Endpoint '{endpoint.Definition.Name}' has no job source: RunPod sets {QueueSettings.GetJobVariable}; locally pass " +
                $"--test-input '{{\"input\": {{…}}}}', put a {TestRun.InputFile} in the working directory, or run `serve`. See --help.").ConfigureAwait(false);
            return UsageError;
        }

        return await RunQueueAsync(endpoint, json, options, queue).ConfigureAwait(false);
    }

    /// <summary>The help text: modes, options and variables, and the app's endpoints.</summary>
    private static string Help(WorkerRegistry registry)
    {
        var endpoints = string.Join(
            "\n",
            registry.Endpoints.Select(e => $"  {e.Definition.Name,-28} {Describe(e)}"));
        var settings = string.Join(
            "\n",
            WorkerSettings.All.Select(s => $"  {s.Name,-28} {s.Meaning}" + (s.DefaultText is { } fallback ? $" (default {fallback})" : string.Empty)));
        return $"""
            Runs one endpoint of this app as a RunPod Serverless worker.

            Usage:
              <app> [--endpoint NAME]                          production: the mode follows the endpoint and the environment
              <app> [--endpoint NAME] --test-input JSON [--test-output JSON]
              <app> [--endpoint NAME] serve [--port N] [--host ADDRESS]
              <app> --help

            Choosing the endpoint:
              --endpoint NAME        the endpoint to serve; default: ${WorkerVariables.ResourceName} (RunPod sets it on every worker),
                                     or the app's only endpoint

            Modes:
              queue worker           when {QueueSettings.GetJobVariable} is set (RunPod sets it on queue-based workers): takes
                                     jobs, runs up to the endpoint's MaxConcurrency at once, posts results, streams the parts of
                                     IAsyncEnumerable methods, sends heartbeats, honours job stops and the execution timeout;
                                     SIGTERM stops taking jobs and gives running ones a grace period; a method still running
                                     FLASH_TIMEOUT_GRACE_MS after its timeout makes the worker exit 1 so RunPod replaces it
              load-balanced          for an endpoint with HTTP routes: serves them on $PORT (default 80) on all interfaces,
                                     /ping on $PORT_HEALTH (default $PORT): 204 while starting, 200 when ready, 503 while a
                                     method is stuck past its timeout
              local test             --test-input JSON (or a file name): runs one job {"{"}"input": {"{"}…{"}"}{"}"}, prints its result
                                     and exits 0, or 1 for an error result; without --test-input and without
                                     {QueueSettings.GetJobVariable}, ./{TestRun.InputFile} is used when present
                                     --test-output JSON (or a file name): compare the result with this one; exit 1 when they differ
              dev server             serve: RunPod's endpoint API on http://127.0.0.1:{WorkerCommand.DefaultServePort} (--port, --host to change):
                                     POST /run, POST /runsync, GET /status/ID, GET /stream/ID, POST /cancel/ID, GET /health,
                                     also under /v2/ENDPOINT_ID/; a load-balanced endpoint serves its routes there instead

            Settings (environment variables; RunPod sets the RUNPOD_ ones; a value that is not allowed stops the worker with exit code 2):
            {settings}
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

    private static async Task<int> RunQueueAsync(WorkerEndpoint endpoint, JsonSerializerOptions json, FlashWorkerOptions options, QueueSettings settings)
    {
        using var host = WorkerHosting.CreateBuilder(options).Build();
        var logger = Logger(host.Services);
        var runner = Activate(endpoint, json, host.Services);
        if (runner is null)
        {
            return 1;
        }

        await host.StartAsync().ConfigureAwait(false);
        bool healthy;
        using (var api = new JobApi(settings, logger))
        {
            var worker = new QueueWorker(runner, settings, api, logger);
            healthy = await worker.RunAsync(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping).ConfigureAwait(false);
        }

        await host.StopAsync().ConfigureAwait(false);
        return healthy ? 0 : 1;
    }

    private static async Task<int> ServeAsync(WorkerEndpoint endpoint, JsonSerializerOptions json, FlashWorkerOptions options, WorkerSettings settings, string address, int port)
    {
        var builder = WorkerHosting.CreateWebBuilder(options);
        builder.WebHost.ConfigureKestrel(k => Listen(k, address, port));
        await using var app = builder.Build();
        var runner = Activate(endpoint, json, app.Services);
        if (runner is null)
        {
            return 1;
        }

        using var server = new DevServer(runner, Logger(app.Services), new OverrunMethods(settings.TimeoutGrace));
        server.Map(app);
        await app.StartAsync().ConfigureAwait(false);
        Logger(app.Services).LogInformation("Dev server for endpoint '{Endpoint}' listening on {Addresses}", endpoint.Definition.Name, Addresses(app));
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> RunRoutesAsync(
        WorkerEndpoint endpoint, JsonSerializerOptions json, FlashWorkerOptions options, WorkerSettings settings, TextWriter stderr, (string Address, int Port)? local)
    {
        var builder = WorkerHosting.CreateWebBuilder(options);
        var healthPort = local is null ? settings.HealthPort : null;
        builder.WebHost.ConfigureKestrel(k =>
        {
            if (local is { } bind)
            {
                Listen(k, bind.Address, bind.Port);
                return;
            }

            k.ListenAnyIP(settings.Port);
            if (healthPort is { } health)
            {
                k.ListenAnyIP(health);
            }
        });

        await using var app = builder.Build();
        var logger = Logger(app.Services);
        var server = new RouteServer(endpoint, app.Environment.IsDevelopment(), logger, new OverrunMethods(settings.TimeoutGrace));
        if (server.Check(app.Services) is { } invalid)
        {
            await stderr.WriteLineAsync(invalid).ConfigureAwait(false);
            return UsageError;
        }

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

    /// <summary>The endpoint named, or the app's only endpoint when none is named; null with the problem otherwise.</summary>
    private static WorkerEndpoint? ChooseEndpoint(WorkerRegistry registry, string? name, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(name) && registry.Endpoints.Count == 1)
        {
            return registry.Endpoints[0];
        }

        if (!string.IsNullOrEmpty(name) && registry.Find(name) is { } found)
        {
            return found;
        }

        problem = (string.IsNullOrEmpty(name)
                      ? $"No endpoint chosen: set {WorkerVariables.ResourceName} or pass --endpoint NAME."
                      : $"Unknown endpoint '{name}'.") +
                  (registry.Endpoints.Count == 0
                      ? " This app declares no endpoint: add [Endpoint(\"name\")] to a method or class."
                      : $" This app has: {string.Join(", ", registry.Endpoints.Select(e => e.Definition.Name))}.");
        return null;
    }

    /// <summary>
    /// JSON text as given, or the content of the file it names. A value that is not JSON text and names no existing
    /// file is an error saying the file does not exist.
    /// </summary>
    private static bool TryReadArgument(string option, string value, out string? text, out string? problem)
    {
        text = null;
        problem = null;
        var trimmed = value.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            text = value;
            return true;
        }

        if (File.Exists(value))
        {
            try
            {
                text = File.ReadAllText(value);
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problem = $"{option}: the file '{value}' could not be read: {ex.Message}";
                return false;
            }
        }

        if (IsJson(value))
        {
            text = value;
            return true;
        }

        problem = $"{option}: the file '{value}' does not exist (looked in {Directory.GetCurrentDirectory()}), and the value is not JSON text either. " +
                  "Give the job as JSON ('{\"input\": {…}}') or the path of a file that holds it.";
        return false;
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
