using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Flash.Workers;

/// <summary>
/// One endpoint made ready to run jobs: its instance created (once per worker), its JSON options and services
/// fixed. Every mode (queue worker, local test, dev server, load-balanced routes) runs jobs through it, so the
/// execution timeout, cancellation and streaming behave the same everywhere.
/// </summary>
internal sealed class EndpointRunner
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
    /// <returns>
    /// The final result: the output, or for a streaming method the JSON array of all its parts; or an error (also
    /// when the output is above <see cref="JobResult.MaxResultBytes"/>, RunPod's limit for a job's result).
    /// </returns>
    public Task<JobOutcome> RunAsync(JsonElement input, string? jobId, Func<string, CancellationToken, Task>? onPart, CancellationToken cancellationToken) =>
        RunAsync(null, input, jobId, onPart, JobOrigin.Job, ownThread: false, cancellationToken);

    /// <summary>Runs one call of a load-balanced route, or a job by the input's <c>"method"</c> when <paramref name="function"/> is null.</summary>
    /// <param name="function">The route's method, or null.</param>
    /// <param name="input">The parameters by name.</param>
    /// <param name="jobId">The job id, or null.</param>
    /// <param name="onPart">Called with each streamed part; see <see cref="RunAsync(JsonElement, string?, Func{string, CancellationToken, Task}?, CancellationToken)"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The final result.</returns>
    public Task<JobOutcome> RunAsync(WorkerFunction? function, JsonElement input, string? jobId, Func<string, CancellationToken, Task>? onPart, CancellationToken cancellationToken) =>
        RunAsync(function, input, jobId, onPart, function is null ? JobOrigin.Job : JobOrigin.Route, ownThread: false, cancellationToken);

    /// <summary>
    /// Runs one job whose method always gets a thread-pool thread of its own, so the job ends at its deadline, its
    /// stop or the shutdown grace even when the method blocks. For the modes that give every job a task anyway
    /// (queue worker, dev server): the hop they made before is made here instead.
    /// </summary>
    internal Task<JobOutcome> RunOnOwnThreadAsync(JsonElement input, string jobId, Func<string, CancellationToken, Task>? onPart, CancellationToken cancellationToken) =>
        RunAsync(null, input, jobId, onPart, JobOrigin.Job, ownThread: true, cancellationToken);

    private async Task<JobOutcome> RunAsync(
        WorkerFunction? function, JsonElement input, string? jobId, Func<string, CancellationToken, Task>? onPart, JobOrigin origin, bool ownThread, CancellationToken cancellationToken)
    {
        using var job = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeout = ExecutionTimeout;
        if (timeout is { } limit)
        {
            job.CancelAfter(limit);
        }

        var context = new JobContext(Json, Services, Instance, jobId, job.Token) { Origin = origin };

        // A method that blocks its thread (Thread.Sleep, synchronous I/O) would hold the caller until it returns, past
        // any deadline; on a thread of its own it can be left there. Without a timeout nothing waits for a deadline,
        // so the method runs inline and costs no thread hop.
        var work = ownThread || timeout is not null
            ? Task.Run(() => ExecuteAsync(function, input, context, onPart))
            : ExecuteAsync(function, input, context, onPart);
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
            return origin == JobOrigin.Job ? WithinResultLimit(finished) : finished;
        }

        var ended = cancellationToken.IsCancellationRequested
            ? JobResult.Failure("The job was cancelled.", JobErrorKind.Cancelled)
            : JobResult.Failure(TimeoutMessage(), JobErrorKind.TimedOut);
        return new JobOutcome(ended, false) { Unfinished = work.IsCompleted ? null : work };
    }

    private string TimeoutMessage() => string.Create(
        CultureInfo.InvariantCulture,
        $"The job ran longer than the execution timeout of endpoint '{Endpoint.Definition.Name}' ({Endpoint.Definition.ExecutionTimeoutMs} ms) and was cancelled.");

    /// <summary>The outcome, or an error saying the output is too large when it is above RunPod's limit for a job's result.</summary>
    private static JobOutcome WithinResultLimit(JobOutcome outcome)
    {
        // UTF-8 takes at most 3 bytes per UTF-16 unit: a shorter output is within the limit without counting.
        if (outcome.Result.OutputJson is not { Length: > JobResult.MaxResultBytes / 3 } output)
        {
            return outcome;
        }

        var bytes = Encoding.UTF8.GetByteCount(output);
        return bytes <= JobResult.MaxResultBytes
            ? outcome
            : outcome with { Result = JobResult.Failure(JobResult.TooLargeMessage(bytes), JobErrorKind.Handler) };
    }

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
internal readonly record struct JobOutcome(JobResult Result, bool Streamed)
{
    /// <summary>
    /// The method's work when the job ended without it (execution timeout or cancellation) and it still runs on its
    /// thread; null when the method returned. The caller decides what a method that does not return means for the worker.
    /// </summary>
    public Task? Unfinished { get; init; }
}

/// <summary>Where a job comes from, which decides its messages and its result limit.</summary>
internal enum JobOrigin
{
    /// <summary>A job <c>{"input": …}</c>: queue worker, dev server, local test. Its result goes through RunPod's job API.</summary>
    Job,

    /// <summary>A call of a load-balanced route: parameters from the body, the query string and the path.</summary>
    Route,
}
