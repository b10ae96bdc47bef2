using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Flash.Workers;

/// <summary>
/// One endpoint made ready to run jobs: its instance created (once per worker), its JSON options and services
/// fixed. Every mode (queue worker, local test, dev server, load-balanced routes) runs jobs through it, so the
/// execution timeout, cancellation and streaming behave the same everywhere.
/// </summary>
public sealed class EndpointRunner
{
    private EndpointRunner(WorkerEndpoint endpoint, JsonSerializerOptions json, IServiceProvider services, object? instance)
    {
        Endpoint = endpoint;
        Json = json;
        Services = services;
        Instance = instance;
    }

    /// <summary>The endpoint.</summary>
    public WorkerEndpoint Endpoint { get; }

    /// <summary>The serializer options jobs are bound with.</summary>
    public JsonSerializerOptions Json { get; }

    /// <summary>The app's services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The worker's instance of the endpoint class, or null when every method is static.</summary>
    public object? Instance { get; }

    /// <summary>The execution timeout; null when the endpoint has none.</summary>
    public TimeSpan? ExecutionTimeout =>
        Endpoint.Definition.ExecutionTimeoutMs > 0 ? TimeSpan.FromMilliseconds(Endpoint.Definition.ExecutionTimeoutMs) : null;

    /// <summary>Creates the endpoint's instance (when it has instance methods) and returns the runner.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="json">The serializer options.</param>
    /// <param name="services">The app's services (constructor arguments of the endpoint class).</param>
    /// <returns>The runner.</returns>
    /// <exception cref="InvalidOperationException">The endpoint class could not be created; the message says why.</exception>
    public static EndpointRunner Create(WorkerEndpoint endpoint, JsonSerializerOptions json, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(services);
        object? instance = null;
        if (endpoint.CreateInstance is { } create)
        {
            try
            {
                instance = create(services);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"Endpoint '{endpoint.Definition.Name}' could not be created: {ex.Message}", ex);
            }
        }

        return new EndpointRunner(endpoint, json, services, instance);
    }

    /// <summary>Runs one job and returns its final result; never throws for anything the job does.</summary>
    /// <param name="input">The job's <c>input</c>.</param>
    /// <param name="jobId">The job id, or null.</param>
    /// <param name="onPart">
    /// Called with each part (JSON text) of a streaming method, in order, before the final result; null to only
    /// collect them. An exception from the callback ends the job with an error.
    /// </param>
    /// <param name="cancellationToken">Cancels the job; its result is then a <see cref="JobErrorKind.Cancelled"/> error.</param>
    /// <returns>The final result: the output, or for a streaming method the JSON array of all its parts; or an error.</returns>
    public Task<JobOutcome> RunAsync(JsonElement input, string? jobId, Func<string, CancellationToken, Task>? onPart, CancellationToken cancellationToken) =>
        RunAsync(null, input, jobId, onPart, cancellationToken);

    /// <summary>Runs one job against a given method (a load-balanced route), or by the input's <c>"method"</c> when it is null.</summary>
    /// <param name="function">The method, or null.</param>
    /// <param name="input">The job's <c>input</c>.</param>
    /// <param name="jobId">The job id, or null.</param>
    /// <param name="onPart">Called with each streamed part; see <see cref="RunAsync(JsonElement, string?, Func{string, CancellationToken, Task}?, CancellationToken)"/>.</param>
    /// <param name="cancellationToken">Cancels the job.</param>
    /// <returns>The final result.</returns>
    public async Task<JobOutcome> RunAsync(WorkerFunction? function, JsonElement input, string? jobId, Func<string, CancellationToken, Task>? onPart, CancellationToken cancellationToken)
    {
        using var job = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (ExecutionTimeout is { } timeout)
        {
            job.CancelAfter(timeout);
        }

        var context = new JobContext(Json, job.Token, Services, Instance, jobId);
        var work = ExecuteAsync(function, input, context, onPart);
        JobOutcome? outcome = null;
        try
        {
            // A method that ignores its token is not waited for: the job ends when its token does.
            outcome = await work.WaitAsync(job.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (job.IsCancellationRequested)
        {
            ObserveLater(work);
        }

        if (outcome is { } finished && (finished.Result.ErrorKind != JobErrorKind.Cancelled || !job.IsCancellationRequested))
        {
            return finished;
        }

        return cancellationToken.IsCancellationRequested
            ? new JobOutcome(JobResult.Failure("The job was cancelled.", JobErrorKind.Cancelled), false)
            : new JobOutcome(JobResult.Failure(TimeoutMessage(), JobErrorKind.TimedOut), false);
    }

    private string TimeoutMessage() => string.Create(
        CultureInfo.InvariantCulture,
        $"The job ran longer than the execution timeout of endpoint '{Endpoint.Definition.Name}' ({Endpoint.Definition.ExecutionTimeoutMs} ms) and was cancelled.");

    private async Task<JobOutcome> ExecuteAsync(WorkerFunction? function, JsonElement input, JobContext context, Func<string, CancellationToken, Task>? onPart)
    {
        var result = function is null
            ? await Endpoint.InvokeAsync(input, context).ConfigureAwait(false)
            : await function.InvokeAsync(input, context).ConfigureAwait(false);
        if (!result.IsStream)
        {
            return new JobOutcome(result, false);
        }

        var output = new StringBuilder("[");
        var count = 0;
        try
        {
            await foreach (var part in result.Parts!.WithCancellation(context.CancellationToken).ConfigureAwait(false))
            {
                output.Append(count++ == 0 ? string.Empty : ",").Append(part);
                if (onPart is not null)
                {
                    await onPart(part, context.CancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return new JobOutcome(JobResult.Thrown(result.Function ?? "the stream", ex), true);
        }

        return new JobOutcome(JobResult.Output(output.Append(']').ToString()), true);
    }

    private static void ObserveLater(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}

/// <summary>The final result of a job, and whether its method streamed.</summary>
/// <param name="Result">The final result (never a streaming one).</param>
/// <param name="Streamed">Whether the method returned a stream of parts.</param>
public readonly record struct JobOutcome(JobResult Result, bool Streamed);
