using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flash.Client;

/// <summary>An answer of <c>/run</c>, <c>/runsync</c>, <c>/status</c> or <c>/cancel</c>.</summary>
internal sealed record JobAnswer(string? Id, string? Status, JsonElement? Output, JsonElement? Error, long? DelayTime, long? ExecutionTime);

/// <summary>An answer of <c>/stream</c>: the parts not returned before.</summary>
internal sealed record StreamAnswer(string? Status, List<StreamPart>? Stream);

/// <summary>One part of a <see cref="StreamAnswer"/>.</summary>
internal sealed record StreamPart(JsonElement Output);

/// <summary>The body of an error answer: <c>{"error": "…"}</c>.</summary>
internal sealed record ErrorAnswer(JsonElement? Error);

/// <summary>The error text of a failed job, when the worker wrote it as JSON (runpod-python's shape).</summary>
internal sealed record WorkerError(
    [property: JsonPropertyName("error_type")] string? ErrorType,
    [property: JsonPropertyName("error_message")] string? ErrorMessage,
    [property: JsonPropertyName("error_traceback")] string? ErrorTraceback);

/// <summary>Metadata of the endpoint API's bodies, generated at build time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JobAnswer))]
[JsonSerializable(typeof(StreamAnswer))]
[JsonSerializable(typeof(ErrorAnswer))]
[JsonSerializable(typeof(WorkerError))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ProtocolJson : JsonSerializerContext;
