using System.CommandLine;
using System.Globalization;
using System.Net;
using Flash.Cli.Commands;
using Flash.Cli.Deploy;
using Flash.Cli.Manifest;
using Flash.Client;
using Flash.Manifest;
using Flash.Workers.Local;

namespace Flash.Cli.Dev;

/// <summary>
/// <c>flash dev</c>: a local RunPod for the whole built app. One gateway serves every endpoint's public API; one worker
/// process per endpoint runs the app, as on RunPod. Runs until Ctrl+C or SIGTERM, then stops the workers (exit 0).
/// </summary>
internal static class DevCommand
{
    /// <summary>The exit code of options flash dev cannot start with.</summary>
    public const int BadOptions = 2;

    public static Command Create(CliEnvironment env)
    {
        var manifest = new Option<string?>("--manifest", "-m")
        {
            Description = "The app's flash_manifest.json (default: ./flash_manifest.json, else the one dotnet build wrote under bin/*/*/flash/).",
        };
        var port = new Option<int>("--port") { Description = "The gateway's port (0: a free one).", DefaultValueFactory = _ => 8000 };
        var host = new Option<string>("--host") { Description = "The address the gateway listens on (0.0.0.0: every interface).", DefaultValueFactory = _ => "127.0.0.1" };
        var apiKey = new Option<string?>("--api-key") { Description = "Answer only requests that send this key (Authorization: Bearer <key>); by default any." };
        var environment = FlashCommandLine.EnvironmentOption();
        environment.Description = $"The environment the workers run as: FLASH_ENVIRONMENT=NAME, as flash deploy --env NAME sets it (none for {AppEnvironment.DefaultName}, the default).";
        var command = new Command("dev", "Run the built app locally as RunPod would: each endpoint's API at http://HOST:PORT/v2/<name>, served by real worker processes.")
        {
            manifest, port, host, apiKey, environment,
        };
        command.SetAction((result, ct) => RunAsync(
            env, result.GetValue(manifest), result.GetValue(port), result.GetValue(host)!, result.GetValue(apiKey), result.GetValue(environment)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment env, string? manifestOption, int port, string host, string? apiKey, string environmentName, CancellationToken ct)
    {
        if (port is < 0 or > 65535 || !IPAddress.TryParse(host, out _) && host != "localhost")
        {
            await env.Error.WriteLineAsync(port is < 0 or > 65535
                ? string.Create(CultureInfo.InvariantCulture, $"error: --port {port} is not a port (0 to 65535).")
                : $"error: --host {host} is not an IP address (e.g. 127.0.0.1, or 0.0.0.0 for every interface).").ConfigureAwait(false);
            return BadOptions;
        }

        AppEnvironment environment;
        try
        {
            environment = AppEnvironment.Parse(environmentName);
        }
        catch (FlashCliException e)
        {
            await env.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return BadOptions;
        }

        AppManifest app;
        DevApp built;
        try
        {
            var path = ManifestLocator.Locate(manifestOption, env);
            app = ManifestReader.Read(path, env.Display(path));
            built = DevApp.Locate(path, app.ProjectName, env);
        }
        catch (FlashCliException e)
        {
            await env.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return 1;
        }

        var output = new DevOutput(env.Out);
        var secret = DevWorkerApi.NewSecret();
        var endpoints = new Dictionary<string, DevEndpoint>(StringComparer.Ordinal);
        var gateway = new DevGateway(endpoints, apiKey, secret);
        Uri address;
        try
        {
            address = await gateway.StartAsync(host, port).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
            await env.Error.WriteLineAsync($"error: flash dev cannot listen on {host}:{port} ({e.Message}); choose another --port.").ConfigureAwait(false);
            return BadOptions;
        }

        // Workers and other clients on this machine reach the gateway on loopback even when it listens on every interface.
        var reachable = host is "0.0.0.0" or "::" ? $"http://127.0.0.1:{address.Port}" : $"{address.Scheme}://{address.Authority}";
        foreach (var endpoint in app.Endpoints)
        {
            var queue = endpoint.IsLoadBalanced ? null : new DevQueue(endpoint.Name, endpoint.ExecutionTimeoutMs, new DevRetention(), TimeProvider.System);
            var worker = new DevWorker(endpoint, built, workerPort => Variables(app, endpoint, environment, reachable, secret, workerPort), output);
            if (queue is not null)
            {
                worker.Exited = code => queue.FailInProgress(string.Create(
                    CultureInfo.InvariantCulture, $"The worker of endpoint '{endpoint.Name}' exited with code {code} while the job ran; flash dev starts it again."));
            }

            endpoints[endpoint.Name] = new DevEndpoint(worker, queue);
        }

        try
        {
            foreach (var endpoint in endpoints.Values)
            {
                endpoint.Worker.Start();
                output.Line(Describe(endpoint, reachable));
            }

            if (!environment.IsProduction)
            {
                output.Line($"The workers run as environment {environment.Name} ({AppEnvironment.Variable}={environment.Name}).");
            }

            output.Line($"Set {EndpointSettings.DevUrlVariable}={reachable} for Flash clients. Ctrl+C stops flash dev.");
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: the normal way to stop.
        }
        finally
        {
            foreach (var endpoint in endpoints.Values)
            {
                endpoint.Worker.Stop();
            }

            await gateway.DisposeAsync().ConfigureAwait(false);
            foreach (var endpoint in endpoints.Values)
            {
                endpoint.Queue?.Dispose();
            }
        }

        output.Line("flash dev stopped its workers.");
        return 0;
    }

    private static string Describe(DevEndpoint endpoint, string gateway)
    {
        var worker = endpoint.Worker;
        var kind = worker.Endpoint.IsLoadBalanced ? "load-balanced" : "queue-based";
        var routes = worker.Endpoint.IsLoadBalanced ? string.Create(CultureInfo.InvariantCulture, $", routes on port {worker.Port}") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{endpoint.Name}  {kind}  {gateway}/v2/{Uri.EscapeDataString(endpoint.Name)}  (worker pid {worker.ProcessId}{routes})");
    }

    /// <summary>
    /// What a worker of <paramref name="endpoint"/> gets on top of flash dev's own environment, as a deployed worker of
    /// <paramref name="environment"/> would; a null value removes a variable flash dev inherited (a production worker has
    /// no FLASH_ENVIRONMENT).
    /// </summary>
    internal static Dictionary<string, string?> Variables(
        AppManifest app, EndpointDefinition endpoint, AppEnvironment environment, string gateway, string secret, int port)
    {
        var variables = endpoint.Env.ToDictionary(e => e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        variables[WorkerVariables.ResourceName] = endpoint.Name;
        variables[WorkerVariables.App] = app.ProjectName;
        variables[WorkerVariables.Environment] = null;
        foreach (var (key, value) in environment.WorkerVariables)
        {
            variables[key] = value;
        }

        variables[EndpointSettings.DevUrlVariable] = gateway;
        if (endpoint.IsLoadBalanced)
        {
            variables["PORT"] = variables["PORT_HEALTH"] = port.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            foreach (var (key, value) in DevWorkerApi.Variables(gateway, endpoint.Name, secret))
            {
                variables[key] = value;
            }
        }

        return variables;
    }
}
