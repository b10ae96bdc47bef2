using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Flash.Client;

/// <summary>Reads the endpoint API's job answers: the status, the typed output, and a failed job's error.</summary>
internal static class JobAnswerReader
{
    public static JobAnswer Read(EndpointAnswer answer, EndpointAddress address) => Parse(answer, ProtocolJson.Default.JobAnswer, address);

    public static StreamAnswer ReadStream(EndpointAnswer answer, EndpointAddress address) => Parse(answer, ProtocolJson.Default.StreamAnswer, address);

    /// <summary>The state in a <c>status</c> field; null when it is missing or unknown.</summary>
    public static JobState? StateOf(string? status) => status switch
    {
        JobStatuses.InQueue => JobState.InQueue,
        JobStatuses.InProgress => JobState.InProgress,
        JobStatuses.Completed => JobState.Completed,
        JobStatuses.Failed => JobState.Failed,
        JobStatuses.Cancelled => JobState.Cancelled,
        JobStatuses.TimedOut => JobState.TimedOut,
        _ => null,
    };

    public static bool IsFinal(string? status) => StateOf(status) is { } state && JobStates.IsFinal(state);

    public static JobStatus Status(JobAnswer answer, string jobId) =>
        new(answer.Id ?? jobId, StateOf(answer.Status) ?? JobState.InQueue, answer.DelayTime, answer.ExecutionTime);

    /// <summary>The output of a final answer, or the exception its state means.</summary>
    public static TResult Output<TResult>(JobAnswer answer, FlashEndpoint endpoint, string jobId)
    {
        var address = endpoint.Address;
        return StateOf(answer.Status) switch
        {
            JobState.Completed => Value<TResult>(answer.Output, endpoint.Json),
            JobState.Failed => throw Failed(answer.Error, address, jobId),
            JobState.Cancelled => throw EndpointErrors.Cancelled(address, jobId),
            JobState.TimedOut => throw EndpointErrors.TimedOut(address, jobId),
            _ => throw new FlashClientException(
                $"Job {jobId} of {address.Display} reported status '{answer.Status}', which is not one RunPod defines. Check that the URL ({endpoint.Channel.Location.BaseUrl}) is a RunPod endpoint.",
                address.Display,
                jobId),
        };
    }

    /// <summary>A JSON value as <typeparamref name="T"/>, read with the endpoint's options (their metadata, no reflection).</summary>
    public static T Value<T>(JsonElement? value, JsonSerializerOptions json) =>
        value is { ValueKind: not JsonValueKind.Undefined } element
            ? element.Deserialize((JsonTypeInfo<T>)json.GetTypeInfo(typeof(T)))!
            : default!;

    /// <summary>
    /// The exception of a failed job. The worker's error is text: JSON with <c>error_type</c>, <c>error_message</c> and
    /// <c>error_traceback</c> (what runpod-python and Flash workers write), or any plain text.
    /// </summary>
    public static JobFailedException Failed(JsonElement? error, EndpointAddress address, string jobId)
    {
        var text = error switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString()!,
            { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } other => other.GetRawText(),
            _ => "",
        };
        var worker = Structured(text);
        var message = worker?.ErrorMessage ?? (text.Length > 0 ? text : "the worker reported no error text");
        var kind = worker?.ErrorType is { Length: > 0 } type ? type + ": " : "";
        return new JobFailedException(
            $"Job {jobId} of {address.Display} failed: {kind}{message}{(message.EndsWith('.') ? "" : ".")} " +
            (worker?.ErrorTraceback is { Length: > 0 } ? "The worker's stack trace is in ErrorTraceback." : "See the worker's log for details."),
            address.Display,
            jobId,
            worker?.ErrorType,
            message,
            worker?.ErrorTraceback);
    }

    private static WorkerError? Structured(string text)
    {
        if (!text.StartsWith('{'))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, ProtocolJson.Default.WorkerError) is { ErrorMessage: not null } error ? error : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static T Parse<T>(EndpointAnswer answer, JsonTypeInfo<T> type, EndpointAddress address)
    {
        try
        {
            return JsonSerializer.Deserialize(answer.Body, type)
                ?? throw new JsonException("the body is null");
        }
        catch (JsonException e)
        {
            throw new FlashClientException(
                $"The answer of {address.Display} to {answer.Method} {answer.Url} is not the JSON RunPod sends ({e.Message}). Check that the URL is a RunPod endpoint.",
                address.Display);
        }
    }
}
