using System.Globalization;

namespace Flash.Client;

/// <summary>The messages of the client's exceptions: what is wrong and what to do, never the API key.</summary>
internal static class EndpointErrors
{
    public static EndpointAuthenticationException Authentication(EndpointAddress address, EndpointAnswer answer, string keySource)
    {
        var status = Status(answer);
        var message = keySource == NoKeySource
            ? $"{Capital(address.Display)} refused the request ({status}) and no API key was sent. Set {ApiKey.Places}."
            : $"{Capital(address.Display)} refused the API key from {keySource} ({status}). Check that the key is valid and may call this endpoint, and correct it in {keySource}.";
        return new EndpointAuthenticationException(message, address.Display, keySource, answer.StatusCode);
    }

    public static EndpointNotFoundException NotFound(EndpointAddress address, EndpointAnswer answer, string source, string? jobId)
    {
        var message = jobId is null
            ? $"{Capital(address.Display)} was not found at {answer.Url} ({Status(answer)}: {Clause(answer)}). Its location came from {source}: check it, or run `flash deploy` to create the endpoint."
            : $"Job {jobId} of {address.Display} was not found at {answer.Url} ({Status(answer)}: {Clause(answer)}). RunPod keeps a job for a limited time after it ends: check the job id, and that the endpoint's location ({source}) is the endpoint that ran it.";
        return new EndpointNotFoundException(message, address.Display, answer.Url);
    }

    public static EndpointRequestException Request(EndpointAddress address, EndpointAnswer answer, string? jobId)
    {
        var advice = answer.StatusCode switch
        {
            400 or 422 => "The arguments do not fit what the endpoint expects: correct them.",
            413 => "The request is too large: pass large data by reference (a URL or a file on a network volume).",
            429 => "The endpoint is receiving too many requests: try again later.",
            >= 500 => "The endpoint failed to handle the request: see its error and the worker's log.",
            _ => "Check the request and the endpoint.",
        };
        var job = jobId is null ? "" : $" (job {jobId})";
        return new EndpointRequestException(
            $"{Capital(address.Display)} answered {answer.Method} {answer.Url.AbsolutePath}{job} with {Status(answer)}: {Clause(answer)}. {advice}",
            address.Display,
            answer.StatusCode,
            answer.ErrorText);
    }

    public static EndpointUnavailableException Unreachable(EndpointAddress address, Uri url, HttpMethod method, Exception cause, bool createsJob, string? jobId)
    {
        var neverConnected = cause is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };
        var consequence = !createsJob
            ? "Try again when the endpoint is reachable."
            : neverConnected
                ? "No connection was made, so no job was created: try again when the endpoint is reachable."
                : "The request may have reached the endpoint, so a job may have been created; it was not sent again so that it cannot run twice. Check the endpoint's jobs before calling again.";
        return new EndpointUnavailableException(
            $"{Capital(address.Display)} could not be reached: {method} {url} failed ({cause.Message}). {consequence}",
            address.Display,
            jobId,
            null,
            cause);
    }

    public static EndpointUnavailableException PollsFailed(EndpointAddress address, string jobId, JobState? lastStatus, int polls, Exception cause) =>
        new(
            $"Job {jobId} of {address.Display} could not be followed: {polls.ToString(CultureInfo.InvariantCulture)} requests for its status failed in a row " +
            $"(last status seen: {Name(lastStatus)}; last error: {cause.Message}). The job may still run: ask for it later with Job(\"{jobId}\").",
            address.Display,
            jobId,
            lastStatus,
            cause);

    public static JobWaitTimeoutException WaitTimeout(EndpointAddress address, string jobId, JobState lastStatus, TimeSpan waited) =>
        new(
            $"Job {jobId} of {address.Display} had not ended after {waited.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s (last status: {Name(lastStatus)}). " +
            "It still runs: wait longer, or cancel it with CancelAsync.",
            address.Display,
            jobId,
            lastStatus,
            waited);

    public static JobTimedOutException TimedOut(EndpointAddress address, string jobId) =>
        new($"Job {jobId} of {address.Display} timed out: it ran longer than the endpoint's execution timeout. Raise the timeout, or give the job less work.", address.Display, jobId);

    public static JobCancelledException Cancelled(EndpointAddress address, string jobId) =>
        new($"Job {jobId} of {address.Display} was cancelled before it finished, so it has no output.", address.Display, jobId);

    public static InputTooLargeException InputTooLarge(EndpointAddress address, string path, long size, long limit) =>
        new(
            $"The input of the call to {address.Display} is {size.ToString(CultureInfo.InvariantCulture)} bytes of JSON; {path} takes at most " +
            $"{limit.ToString(CultureInfo.InvariantCulture)} bytes ({(limit / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MB), so nothing was sent. " +
            "Pass large data by reference (a URL, or a file on a network volume) instead.",
            address.Display,
            size,
            limit);

    /// <summary>The key source when no key was found.</summary>
    public const string NoKeySource = "no key was sent";

    /// <summary>A job state as RunPod spells it.</summary>
    public static string Name(JobState? state) => state switch
    {
        JobState.InQueue => "IN_QUEUE",
        JobState.InProgress => "IN_PROGRESS",
        JobState.Completed => "COMPLETED",
        JobState.Failed => "FAILED",
        JobState.Cancelled => "CANCELLED",
        JobState.TimedOut => "TIMED_OUT",
        _ => "none",
    };

    private static string Status(EndpointAnswer answer) =>
        $"HTTP {answer.StatusCode.ToString(CultureInfo.InvariantCulture)}{(answer.Reason.Length > 0 ? " " + answer.Reason : "")}";

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>The answer's error text as a clause inside a sentence: without its own closing period.</summary>
    private static string Clause(EndpointAnswer answer) => answer.ErrorText.TrimEnd().TrimEnd('.');
}
