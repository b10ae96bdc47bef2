using System.Text.Json;
using Flash.Client;
using Microsoft.AspNetCore.Http;

namespace Flash.Workers.Http;

/// <summary>
/// RunPod's public API answers about jobs, written alike by the app's dev server (one endpoint) and <c>flash dev</c>
/// (the whole app): a submission, a job's status, its stream parts, and the job counts of <c>/health</c>.
/// </summary>
internal static class JobAnswers
{
    /// <summary><c>{"id", "status": JobStatuses.InQueue}</c>, as RunPod answers a submission whether or not the job has started meanwhile.</summary>
    public static Task WriteSubmittedAsync(HttpContext context, string id) =>
        HttpJson.WriteAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("status", JobStatuses.InQueue);
            w.WriteEndObject();
        });

    /// <summary><c>{"delayTime", "executionTime", "id", "output" | "error", "status"}</c>; members without a value are left out.</summary>
    public static Task WriteStatusAsync(HttpContext context, string id, string status, string? outputJson, string? error, long? delayMs, long? executionMs) =>
        HttpJson.WriteAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            if (delayMs is { } delay)
            {
                w.WriteNumber("delayTime", delay);
            }

            if (executionMs is { } execution)
            {
                w.WriteNumber("executionTime", execution);
            }

            w.WriteString("id", id);
            if (outputJson is not null)
            {
                w.WritePropertyName("output");
                w.WriteRawValue(outputJson);
            }

            if (error is not null)
            {
                w.WriteString("error", error);
            }

            w.WriteString("status", status);
            w.WriteEndObject();
        });

    /// <summary><c>{"status", "stream": [{"output": part}, …]}</c>.</summary>
    public static Task WriteStreamAsync(HttpContext context, string status, IEnumerable<string> partsJson) =>
        HttpJson.WriteAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("status", status);
            w.WriteStartArray("stream");
            foreach (var part in partsJson)
            {
                w.WriteStartObject();
                w.WritePropertyName("output");
                w.WriteRawValue(part);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>The <c>"jobs"</c> member of <c>/health</c> from the held jobs by status (TIMED_OUT counts as failed).</summary>
    public static void WriteJobCounts(Utf8JsonWriter w, IReadOnlyDictionary<string, int> byStatus)
    {
        int Count(string status) => byStatus.TryGetValue(status, out var n) ? n : 0;
        w.WriteStartObject("jobs");
        w.WriteNumber("completed", Count(JobStatuses.Completed));
        w.WriteNumber("failed", Count(JobStatuses.Failed) + Count(JobStatuses.TimedOut));
        w.WriteNumber("inProgress", Count(JobStatuses.InProgress));
        w.WriteNumber("inQueue", Count(JobStatuses.InQueue));
        w.WriteNumber("retried", 0);
        w.WriteEndObject();
    }
}
