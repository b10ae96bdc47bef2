using System.Net.Http.Headers;

namespace Flash.Runtime.Benchmarks.ClientCalls;

/// <summary>
/// The server's answers without a network: a transport that reads the request and answers at once, so the callers'
/// own work is all that is timed.
/// </summary>
internal sealed class FixedAnswerHandler : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content)
        {
            await content.CopyToAsync(Stream.Null, cancellationToken);
        }

        var body = request.Method == HttpMethod.Post ? FixedAnswerServer.RunSyncAnswer : FixedAnswerServer.ItemAnswer;
        return new HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(body) { Headers = { ContentType = JsonType } },
        };
    }
}
