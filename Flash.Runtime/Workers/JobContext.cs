using System.Text.Json;

namespace Flash.Workers;

/// <summary>What one job's code gets besides its input: the JSON options that bind it and its cancellation.</summary>
/// <param name="json">The serializer options; their type info resolver must know the endpoint's parameter and result types.</param>
/// <param name="cancellationToken">Cancelled when the job is stopped or times out.</param>
public sealed class JobContext(JsonSerializerOptions json, CancellationToken cancellationToken)
{
    /// <summary>The serializer options for inputs and results.</summary>
    public JsonSerializerOptions Json { get; } = json;

    /// <summary>Cancelled when the job is stopped or times out.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;
}
