using System.ComponentModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Flash.Workers;

/// <summary>Why a job failed; each mode maps it to its own answer (an error result, an HTTP status).</summary>
internal enum JobErrorKind
{
    /// <summary>The job did not fail.</summary>
    None = 0,

    /// <summary>The input does not fit the method: malformed, a missing or mistyped parameter, an unknown method.</summary>
    Input,

    /// <summary>The method threw, or its result could not be written as JSON.</summary>
    Handler,

    /// <summary>The job was cancelled (stopped by the platform, the caller, or a worker shutdown).</summary>
    Cancelled,

    /// <summary>The job ran past the endpoint's execution timeout.</summary>
    TimedOut,
}

/// <summary>
/// The outcome of one job: the output as JSON text, or an error message. Never both. A method returning
/// <see cref="IAsyncEnumerable{T}"/> first gives a streaming result whose parts the runtime reads; the final result
/// of such a job is the JSON array of all parts.
/// </summary>
/// <remarks>For generated code: the shims return it; app code has no use for it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct JobResult
{
    /// <summary>
    /// The largest job output RunPod takes, in bytes of JSON (20 MB, its /runsync payload limit): a larger result is
    /// replaced by an error saying so, since the platform would refuse the body.
    /// </summary>
    internal const int MaxResultBytes = 20 * 1024 * 1024;

    private JobResult(string? outputJson, string? error, JobErrorKind errorKind, Exception? exception, IAsyncEnumerable<string>? parts, string? function)
    {
        OutputJson = outputJson;
        Error = error;
        ErrorKind = errorKind;
        Exception = exception;
        Parts = parts;
        Function = function;
    }

    /// <summary>The output as JSON text (<c>null</c> for methods without a result); null when the job failed or streams.</summary>
    internal string? OutputJson { get; }

    /// <summary>What went wrong; null when the job succeeded.</summary>
    internal string? Error { get; }

    /// <summary>Why the job failed; <see cref="JobErrorKind.None"/> when it did not.</summary>
    internal JobErrorKind ErrorKind { get; }

    /// <summary>The exception the method threw, for <see cref="JobErrorKind.Handler"/> errors that came from one.</summary>
    internal Exception? Exception { get; }

    /// <summary>Whether the job failed.</summary>
    internal bool IsError => Error is not null;

    /// <summary>Whether this is a streaming result whose <see cref="Parts"/> are still to be read.</summary>
    internal bool IsStream => Parts is not null;

    /// <summary>The parts of a streaming result as JSON text, read once; null otherwise.</summary>
    internal IAsyncEnumerable<string>? Parts { get; }

    /// <summary>The method that produced the result, when known (for error messages about its stream).</summary>
    internal string? Function { get; }

    /// <summary>A job that returned nothing.</summary>
    public static JobResult Empty { get; } = new("null", null, JobErrorKind.None, null, null, null);

    /// <summary>A job that returned <paramref name="value"/>, serialized with the context's options.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="value">The result.</param>
    /// <param name="context">The job context.</param>
    /// <returns>The result, or an error when the value cannot be serialized.</returns>
    public static JobResult Success<T>(T value, JobContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return Output(Serialize(value, context.Json));
        }
        catch (Exception ex) when (IsSerializationFailure(ex))
        {
            return new(null, $"The result of type '{typeof(T)}' cannot be written as JSON: {ex.Message}", JobErrorKind.Handler, ex, null, null);
        }
        catch (ArgumentException ex)
        {
            // Utf8JsonWriter refuses a single value above its size limit (about 166 MB of text) with an ArgumentException
            // that names the size: the result's fault, not an exception of the method.
            return new(null, $"The result of type '{typeof(T)}' cannot be written as JSON: {ex.Message} {TooLargeAdvice}", JobErrorKind.Handler, null, null, null);
        }
    }

    /// <summary>
    /// A job whose method returned <paramref name="task"/>: its value once the task completes, serialized with the
    /// context's options. Generated invokers hand their <c>await</c> here, so they need no state machine each.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The method's task.</param>
    /// <param name="context">The job context.</param>
    /// <returns>The result; the task's exception, if it fails.</returns>
    public static ValueTask<JobResult> SuccessAsync<T>(Task<T> task, JobContext context)
    {
        return task.IsCompletedSuccessfully ? new(Success(task.Result, context)) : Awaited(task, context);

        static async ValueTask<JobResult> Awaited(Task<T> task, JobContext context) => Success(await task.ConfigureAwait(false), context);
    }

    /// <inheritdoc cref="SuccessAsync{T}(Task{T}, JobContext)"/>
    public static ValueTask<JobResult> SuccessAsync<T>(ValueTask<T> task, JobContext context)
    {
        return task.IsCompletedSuccessfully ? new(Success(task.Result, context)) : Awaited(task, context);

        static async ValueTask<JobResult> Awaited(ValueTask<T> task, JobContext context) => Success(await task.ConfigureAwait(false), context);
    }

    /// <summary>A job whose method returned <paramref name="task"/> and no value: <see cref="Empty"/> once the task completes.</summary>
    /// <param name="task">The method's task.</param>
    /// <returns>The result; the task's exception, if it fails.</returns>
    public static ValueTask<JobResult> EmptyAsync(Task task)
    {
        return task.IsCompletedSuccessfully ? new(Empty) : Awaited(task);

        static async ValueTask<JobResult> Awaited(Task task)
        {
            await task.ConfigureAwait(false);
            return Empty;
        }
    }

    /// <inheritdoc cref="EmptyAsync(Task)"/>
    public static ValueTask<JobResult> EmptyAsync(ValueTask task)
    {
        return task.IsCompletedSuccessfully ? new(Empty) : Awaited(task);

        static async ValueTask<JobResult> Awaited(ValueTask task)
        {
            await task.ConfigureAwait(false);
            return Empty;
        }
    }

    /// <summary>What to do about a result above the limit.</summary>
    private static string TooLargeAdvice =>
        $"RunPod takes job results up to {MaxResultBytes / (1024 * 1024)} MB: return less, or write large outputs to storage (a network volume, object storage) and return where they are.";

    /// <summary>A streaming job: each item of <paramref name="parts"/> is one part of its output.</summary>
    /// <typeparam name="T">The part type.</typeparam>
    /// <param name="parts">The parts, as the method returned them.</param>
    /// <param name="context">The job context.</param>
    /// <returns>The streaming result.</returns>
    public static JobResult Stream<T>(IAsyncEnumerable<T> parts, JobContext context)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(context);
        return new(null, null, JobErrorKind.None, null, SerializeParts(parts, context), null);
    }

    /// <summary>A job whose input does not fit the method.</summary>
    /// <param name="message">What is wrong and, where possible, what to do.</param>
    /// <returns>The error result.</returns>
    internal static JobResult Failure(string message) => Failure(message, JobErrorKind.Input);

    /// <summary>A failed job.</summary>
    /// <param name="message">What went wrong and, where possible, what to do.</param>
    /// <param name="kind">Why it failed.</param>
    /// <returns>The error result.</returns>
    internal static JobResult Failure(string message, JobErrorKind kind) =>
        new(null, message, kind == JobErrorKind.None ? JobErrorKind.Handler : kind, null, null, null);

    /// <summary>A job whose method threw <paramref name="exception"/>.</summary>
    /// <param name="function">The method name.</param>
    /// <param name="exception">What it threw.</param>
    /// <returns>The error result.</returns>
    internal static JobResult Thrown(string function, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(null, $"'{function}' threw {exception.GetType().FullName}: {exception.Message}", JobErrorKind.Handler, exception, null, function);
    }

    /// <summary>The error text of a result of <paramref name="bytes"/> bytes, above <see cref="MaxResultBytes"/>.</summary>
    internal static string TooLargeMessage(long bytes) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The result is {bytes / (1024.0 * 1024.0):0.0} MB of JSON. {TooLargeAdvice}");

    /// <summary>A successful result whose output is already JSON text.</summary>
    internal static JobResult Output(string outputJson) => new(outputJson, null, JobErrorKind.None, null, null, null);

    /// <summary>This result, marked as coming from <paramref name="function"/>.</summary>
    internal JobResult From(string function) => new(OutputJson, Error, ErrorKind, Exception, Parts, Function ?? function);

    /// <summary>The RunPod result body: <c>{"output": …}</c> or <c>{"error": "…"}</c>.</summary>
    /// <returns>The JSON text.</returns>
    internal string ToResultJson() =>
        IsError ? "{\"error\":" + JsonString(Error!) + "}" : "{\"output\":" + (OutputJson ?? "null") + "}";

    /// <summary>A JSON string literal, with non-ASCII text kept readable.</summary>
    internal static string JsonString(string value) =>
        "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    private static string Serialize<T>(T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));

    private static async IAsyncEnumerable<string> SerializeParts<T>(IAsyncEnumerable<T> parts, JobContext context)
    {
        var typeInfo = (JsonTypeInfo<T>)context.Json.GetTypeInfo(typeof(T));
        await foreach (var part in parts.WithCancellation(context.CancellationToken).ConfigureAwait(false))
        {
            yield return JsonSerializer.Serialize(part, typeInfo);
        }
    }

    private static bool IsSerializationFailure(Exception ex) =>
        ex is NotSupportedException or InvalidOperationException or JsonException or InvalidCastException;
}
