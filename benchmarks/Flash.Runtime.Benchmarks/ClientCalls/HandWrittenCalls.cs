using System.Net.Http.Headers;
using System.Text.Json;

namespace Flash.Runtime.Benchmarks.ClientCalls;

/// <summary>
/// The same calls as a careful caller writes them without Flash: one <see cref="HttpClient"/>, source-generated JSON
/// metadata, the URLs built once, the answer's status checked.
/// </summary>
internal sealed class HandWrittenCalls(string baseUrl, string apiKey, HttpMessageHandler transport) : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly HttpClient _http = new(transport)
    {
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", apiKey) },
    };

    private readonly Uri _runSync = new($"{baseUrl}/v2/echo/runsync");
    private readonly string _items = $"{baseUrl}/v2/api/items/";

    public async Task<EchoResult> EchoAsync(EchoRequest data, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new EchoJob(new EchoJobInput(data)), EchoJson.Default.EchoJob);
        using var content = new ByteArrayContent(body) { Headers = { ContentType = JsonType } };
        using var response = await _http.PostAsync(_runSync, content, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var answer = await JsonSerializer.DeserializeAsync(stream, EchoJson.Default.EchoJobAnswer, cancellationToken);
        return answer is { Status: "COMPLETED", Output: { } output }
            ? output
            : throw new InvalidOperationException($"The job ended {answer?.Status}.");
    }

    public async Task<Item> ItemAsync(int id, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(_items + id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(stream, EchoJson.Default.Item, cancellationToken)
            ?? throw new InvalidOperationException("The answer was null.");
    }

    public void Dispose() => _http.Dispose();
}
