using System.Net;
using System.Text;
using System.Text.Json;

namespace Flash.Client;

/// <summary>One HTTP answer of an endpoint, read whole.</summary>
internal sealed record EndpointAnswer(HttpMethod Method, Uri Url, int StatusCode, string Reason, byte[] Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>Whether asking again later may succeed (a server error, too many requests).</summary>
    public bool IsTransient => StatusCode is >= 500 or (int)HttpStatusCode.TooManyRequests or (int)HttpStatusCode.RequestTimeout;

    /// <summary>The <c>error</c> of a <c>{"error": …}</c> body, else the body as text.</summary>
    public string ErrorText
    {
        get
        {
            try
            {
                if (JsonSerializer.Deserialize(Body, ProtocolJson.Default.ErrorAnswer)?.Error is { } error)
                {
                    return error.ValueKind == JsonValueKind.String ? error.GetString()! : error.GetRawText();
                }
            }
            catch (JsonException)
            {
                // Not JSON: the text itself is the best description.
            }

            var text = Encoding.UTF8.GetString(Body).Trim();
            return text.Length == 0 ? "(empty body)" : text;
        }
    }
}
