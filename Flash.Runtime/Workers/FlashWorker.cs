using System.Text.Json;

namespace Flash.Workers;

/// <summary>
/// The entry point the generated <c>Main</c> calls: picks the endpoint this process serves and runs it.
/// </summary>
public static class FlashWorker
{
    /// <summary>The variable RunPod sets on every worker to the name of the endpoint it serves.</summary>
    public const string ResourceNameVariable = "FLASH_RESOURCE_NAME";

    /// <summary>Runs the worker.</summary>
    /// <param name="registry">The app's endpoints (the generated <c>FlashManifest.Registry</c>).</param>
    /// <param name="args">The command line.</param>
    /// <param name="json">Serializer options whose type info resolver knows the endpoints' parameter and result types.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(WorkerRegistry registry, string[] args, JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(json);
        var stdout = Console.Out;
        var stderr = Console.Error;
        if (args.Contains("--help") || args.Contains("-h"))
        {
            await stdout.WriteLineAsync(Help(registry)).ConfigureAwait(false);
            return 0;
        }

        var endpointName = Option(args, "--endpoint") ?? Environment.GetEnvironmentVariable(ResourceNameVariable);
        var endpoint = string.IsNullOrEmpty(endpointName) ? null : registry.Find(endpointName);
        if (endpoint is null)
        {
            await stderr.WriteLineAsync(
                (string.IsNullOrEmpty(endpointName)
                    ? $"No endpoint chosen: set {ResourceNameVariable} or pass --endpoint NAME."
                    : $"Unknown endpoint '{endpointName}'.") +
                $" This app has: {string.Join(", ", registry.Endpoints.Select(e => e.Definition.Name))}.").ConfigureAwait(false);
            return 2;
        }

        var testInput = Option(args, "--test-input");
        if (testInput is null && File.Exists("test_input.json"))
        {
            testInput = await File.ReadAllTextAsync("test_input.json").ConfigureAwait(false);
        }

        if (testInput is null)
        {
            await stderr.WriteLineAsync(
                $"Endpoint '{endpoint.Definition.Name}' is ready, but no job source was given: pass --test-input '{{\"input\": {{…}}}}' or put a test_input.json in the working directory.").ConfigureAwait(false);
            return 2;
        }

        var result = await RunOneAsync(endpoint, testInput, json, CancellationToken.None).ConfigureAwait(false);
        await stdout.WriteLineAsync(result.ToResultJson()).ConfigureAwait(false);
        return result.IsError ? 1 : 0;
    }

    /// <summary>Runs one job given as <c>{"input": …}</c> text.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="jobJson">The job: a JSON object with an <c>input</c> property.</param>
    /// <param name="json">Serializer options for inputs and results.</param>
    /// <param name="cancellationToken">Cancels the job.</param>
    /// <returns>The job result; malformed job text is an error result.</returns>
    public static async Task<JobResult> RunOneAsync(WorkerEndpoint endpoint, string jobJson, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(jobJson);
        }
        catch (JsonException ex)
        {
            return JobResult.Failure($"The job is not valid JSON ({ex.Message}); write it as {{\"input\": {{…}}}}.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("input", out var input))
            {
                return JobResult.Failure("The job has no \"input\": write it as {\"input\": {…}}.");
            }

            return await endpoint.InvokeAsync(input, new JobContext(json, cancellationToken)).ConfigureAwait(false);
        }
    }

    private static string? Option(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }

        return null;
    }

    private static string Help(WorkerRegistry registry) =>
        $"""
        Runs one endpoint of this app as a RunPod worker.

        Usage: <app> [--endpoint NAME] --test-input '{"{"}"input": {"{"}…{"}"}{"}"}'

          --endpoint NAME       the endpoint to serve (default: ${ResourceNameVariable})
          --test-input JSON     run one job and print its result; exit 1 when the result is an error
                                (without it, ./test_input.json is used when present)

        Endpoints: {string.Join(", ", registry.Endpoints.Select(e => e.Definition.Name))}
        """;
}
