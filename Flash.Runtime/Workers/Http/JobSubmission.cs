using System.Globalization;
using System.Text.Json;
using Flash.Client;
using Microsoft.AspNetCore.Http;

namespace Flash.Workers.Http;

/// <summary>
/// A job submitted through RunPod's public API (<c>/run</c>, <c>/runsync</c>), read alike by the app's dev server and
/// <c>flash dev</c>: RunPod's payload limits, the <c>{"input": …}</c> body, and how long <c>/runsync</c> waits.
/// </summary>
internal static class JobSubmission
{
    /// <summary>How long /runsync waits by default before answering with the job still in progress.</summary>
    private static readonly TimeSpan DefaultSyncWait = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The submitted <c>input</c> (a clone that outlives the request) and the body's size; null when the request was
    /// already answered (400: not JSON or not <c>{"input": …}</c>; 413: above the limit).
    /// </summary>
    public static async Task<(JsonElement Input, long Bytes)?> ReadAsync(HttpContext context, bool sync)
    {
        var (document, empty, bytes) = await HttpJson.ReadBodyAsync(context, sync ? PayloadLimits.RunSync : PayloadLimits.Run).ConfigureAwait(false);
        if (document is null && !empty)
        {
            return null;
        }

        using (document)
        {
            if (document is null || document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("input", out var input))
            {
                await HttpJson.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "The request body must be {\"input\": {…}}.").ConfigureAwait(false);
                return null;
            }

            return (input.Clone(), bytes);
        }
    }

    /// <summary>How long a /runsync request waits for its job: <c>?wait=</c> milliseconds, else 90 s.</summary>
    public static TimeSpan SyncWait(HttpContext context) =>
        context.Request.Query["wait"] is { Count: > 0 } text && int.TryParse(text[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : DefaultSyncWait;
}
