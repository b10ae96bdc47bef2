using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Flash.Workers;

/// <summary>The outcome of one job: the output as JSON text, or an error message. Never both.</summary>
public readonly struct JobResult
{
    private JobResult(string? outputJson, string? error)
    {
        OutputJson = outputJson;
        Error = error;
    }

    /// <summary>The output as JSON text (<c>null</c> for methods without a result); null when the job failed.</summary>
    public string? OutputJson { get; }

    /// <summary>What went wrong; null when the job succeeded.</summary>
    public string? Error { get; }

    /// <summary>Whether the job failed.</summary>
    public bool IsError => Error is not null;

    /// <summary>A job that returned nothing.</summary>
    public static JobResult Empty { get; } = new("null", null);

    /// <summary>A job that returned <paramref name="value"/>, serialized with the context's options.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="value">The result.</param>
    /// <param name="context">The job context.</param>
    /// <returns>The result, or an error when the value cannot be serialized.</returns>
    public static JobResult Success<T>(T value, JobContext context)
    {
        try
        {
            var typeInfo = (JsonTypeInfo<T>)context.Json.GetTypeInfo(typeof(T));
            return new JobResult(JsonSerializer.Serialize(value, typeInfo), null);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException or InvalidCastException)
        {
            return Failure($"The result of type '{typeof(T)}' cannot be written as JSON: {ex.Message}");
        }
    }

    /// <summary>A failed job.</summary>
    /// <param name="message">What went wrong and, where possible, what to do.</param>
    /// <returns>The error result.</returns>
    public static JobResult Failure(string message) => new(null, message);

    /// <summary>The RunPod result body: <c>{"output": …}</c> or <c>{"error": "…"}</c>.</summary>
    /// <returns>The JSON text.</returns>
    public string ToResultJson() =>
        IsError ? "{\"error\":\"" + JsonEncodedText.Encode(Error!, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"}" : "{\"output\":" + OutputJson + "}";
}
