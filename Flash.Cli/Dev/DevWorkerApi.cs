using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Flash.Client;
using Flash.Workers.Http;
using Microsoft.AspNetCore.Http;

namespace Flash.Cli.Dev;

/// <summary>
/// The worker side of flash dev: RunPod's job API, as a queue worker speaks it (docs/worker.md), at
/// <c>/_worker/&lt;endpoint&gt;/…</c>: job take (single and batch, long-polled), results, stream parts, heartbeats and
/// the job-stop poll. Every request carries the per-run secret the workers were given as RUNPOD_AI_API_KEY.
/// </summary>
internal static class DevWorkerApi
{
    public const string Prefix = "/_worker";

    /// <summary>How long a take or job-stop poll is held open waiting for work (below the worker's take timeout).</summary>
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(20);

    /// <summary>The RUNPOD_* variables of a queue worker of <paramref name="endpoint"/> against the gateway at <paramref name="gateway"/>.</summary>
    public static Dictionary<string, string> Variables(string gateway, string endpoint, string secret)
    {
        var at = $"{gateway}{Prefix}/{Uri.EscapeDataString(endpoint)}";
        return new(StringComparer.Ordinal)
        {
            ["RUNPOD_WEBHOOK_GET_JOB"] = at + "/job-take/$ID",
            ["RUNPOD_WEBHOOK_POST_OUTPUT"] = at + "/job-done/$RUNPOD_POD_ID/$ID",
            ["RUNPOD_WEBHOOK_POST_STREAM"] = at + "/job-stream/$RUNPOD_POD_ID/$ID",
            ["RUNPOD_WEBHOOK_PING"] = at + "/ping/$RUNPOD_POD_ID",
            ["RUNPOD_AI_API_KEY"] = secret,
            ["RUNPOD_POD_ID"] = "dev-" + endpoint,

            // The gateway holds an empty take open until a job comes; a pause of the worker's own after it would only
            // delay a job submitted during the pause.
            ["FLASH_IDLE_POLL_MS"] = "0",
        };
    }

    /// <summary>A fresh secret for one run of flash dev.</summary>
    public static string NewSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>Answers one worker request; <paramref name="rest"/> is the path after the endpoint name.</summary>
    public static async Task HandleAsync(HttpContext context, DevQueue queue, string rest, string secret, CancellationToken stopping)
    {
        var key = context.Request.Headers.Authorization.ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(secret)))
        {
            await HttpJson.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Not a worker of this flash dev.").ConfigureAwait(false);
            return;
        }

        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var parts = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (parts.FirstOrDefault())
        {
            case "job-take":
                await WriteJobsAsync(context, await queue.TakeAsync(1, Hold, aborted.Token).ConfigureAwait(false), batch: false).ConfigureAwait(false);
                return;
            case "job-take-batch":
                var size = int.TryParse(context.Request.Query["batch_size"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
                await WriteJobsAsync(context, await queue.TakeAsync(size, Hold, aborted.Token).ConfigureAwait(false), batch: true).ConfigureAwait(false);
                return;
            case "job-stop":
                var stops = await queue.StopsAsync(Hold, aborted.Token).ConfigureAwait(false);
                if (stops.Count == 0)
                {
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    return;
                }

                await HttpJson.WriteAsync(context, StatusCodes.Status200OK, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("jobsToStop");
                    stops.ToList().ForEach(w.WriteStringValue);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }).ConfigureAwait(false);
                return;
            case "job-done" when parts.Length == 3:
                await ResultAsync(context, queue, Uri.UnescapeDataString(parts[2])).ConfigureAwait(false);
                return;
            case "job-stream" when parts.Length == 3:
                await StreamPartAsync(context, queue, Uri.UnescapeDataString(parts[2])).ConfigureAwait(false);
                return;
            case "ping":
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            default:
                await HttpJson.WriteErrorAsync(context, StatusCodes.Status404NotFound, $"The job API has no {context.Request.Method} {context.Request.Path}.").ConfigureAwait(false);
                return;
        }
    }

    private static async Task WriteJobsAsync(HttpContext context, IReadOnlyList<string> jobs, bool batch)
    {
        if (jobs.Count == 0)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        await HttpJson.WriteRawAsync(context, StatusCodes.Status200OK, batch ? "[" + string.Join(",", jobs) + "]" : jobs[0]).ConfigureAwait(false);
    }

    private static async Task ResultAsync(HttpContext context, DevQueue queue, string id)
    {
        var (document, _, _) = await HttpJson.ReadBodyAsync(context, long.MaxValue).ConfigureAwait(false);
        using (document)
        {
            var root = document?.RootElement;
            if (root is { ValueKind: JsonValueKind.Object } result &&
                !(result.TryGetProperty("status", out var status) && status.ValueEquals(JobStatuses.InProgress)))
            {
                var error = result.TryGetProperty("error", out var e) ? (e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()) : null;
                var output = result.TryGetProperty("output", out var o) ? o.GetRawText() : null;
                queue.Complete(id, output ?? "null", error);
            }
        }

        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
    }

    private static async Task StreamPartAsync(HttpContext context, DevQueue queue, string id)
    {
        var (document, _, _) = await HttpJson.ReadBodyAsync(context, long.MaxValue).ConfigureAwait(false);
        using (document)
        {
            if (document?.RootElement is { ValueKind: JsonValueKind.Object } part && part.TryGetProperty("output", out var output))
            {
                queue.AddPart(id, output.GetRawText());
            }
        }

        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
    }
}
