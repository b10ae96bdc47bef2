using System.Net.Http.Headers;

namespace Flash.Client;

/// <summary>
/// Sends the requests of one endpoint: finds where it is on the first request (and keeps that once found), adds the
/// API key, marks what the fault handling may repeat, and turns a failed answer into the exception that says why.
/// </summary>
internal sealed class EndpointChannel(FlashClient client, EndpointAddress address)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private EndpointLocation? _location;

    /// <summary>Where the endpoint is; resolved once.</summary>
    public EndpointLocation Location => _location ??= client.Locator.Locate(address);

    /// <summary>Sends a request and reads its answer; transport errors are thrown as they are.</summary>
    public async Task<EndpointAnswer> ExchangeAsync(HttpMethod method, string path, ReadOnlyMemory<byte>? body, RequestKind kind, CancellationToken cancellationToken)
    {
        var key = client.Key(address);
        using var request = new HttpRequestMessage(method, Location.Of(path));
        if (body is { } content)
        {
            request.Content = new ReadOnlyMemoryContent(content) { Headers = { ContentType = Json } };
        }

        if (key.Value is { } value)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", value);
        }

        request.Options.Set(FlashRequestOptions.Repeatable, kind == RequestKind.Repeatable);
        request.Options.Set(FlashRequestOptions.NoRetry, kind == RequestKind.Poll);
        using var response = await client.Http().SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new EndpointAnswer(method, request.RequestUri!, (int)response.StatusCode, response.ReasonPhrase ?? "", bytes);
    }

    /// <summary>
    /// Sends a request outside a wait and returns its successful answer; any failure becomes the exception naming it.
    /// </summary>
    public async Task<EndpointAnswer> SendAsync(HttpMethod method, string path, ReadOnlyMemory<byte>? body, RequestKind kind, string? jobId, CancellationToken cancellationToken)
    {
        EndpointAnswer answer;
        try
        {
            answer = await ExchangeAsync(method, path, body, kind, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (JobPolling.IsFault(e, cancellationToken))
        {
            throw EndpointErrors.Unreachable(address, Location.Of(path), method, e, kind == RequestKind.CreatesJob, jobId);
        }

        return answer.IsSuccess ? answer : throw Failure(answer, jobId);
    }

    /// <summary>The exception for a failed answer.</summary>
    public FlashClientException Failure(EndpointAnswer answer, string? jobId) => answer.StatusCode switch
    {
        401 or 403 => EndpointErrors.Authentication(address, answer, client.Key(address).Source),
        404 => EndpointErrors.NotFound(address, answer, Location.Source, jobId),
        _ => EndpointErrors.Request(address, answer, jobId),
    };
}

/// <summary>What a request may do when it fails, and what its failure means.</summary>
internal enum RequestKind
{
    /// <summary>A GET or a cancellation: the handler repeats it after a transient fault.</summary>
    Repeatable,

    /// <summary>A <c>/run</c> or <c>/runsync</c> POST: once it reached the server it is never repeated.</summary>
    CreatesJob,

    /// <summary>A route call other than GET: repeated only when its connection was never made.</summary>
    Route,

    /// <summary>A poll inside a wait: not repeated by the handler, the wait counts its faults.</summary>
    Poll,
}
