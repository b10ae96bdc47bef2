using System.ComponentModel;
using System.Text.Json;

namespace Flash.Workers;

/// <summary>
/// What one job's code gets besides its input: the JSON options that bind it, its cancellation, the app's services
/// and, for endpoints with instance methods, the worker's one instance of the endpoint class.
/// </summary>
/// <remarks>For generated code: the shims take it and pass its cancellation and instance on; app code has no use for it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JobContext
{
    /// <summary>A context for one job.</summary>
    /// <param name="json">The serializer options; their type info resolver must know the endpoint's parameter and result types.</param>
    /// <param name="services">The app's services.</param>
    /// <param name="instance">The endpoint instance, or null when the endpoint has only static methods.</param>
    /// <param name="jobId">The job id, or null when the job has none (a route call).</param>
    /// <param name="cancellationToken">Cancelled when the job is stopped or times out.</param>
    internal JobContext(JsonSerializerOptions json, IServiceProvider services, object? instance, string? jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(services);
        Json = json;
        CancellationToken = cancellationToken;
        Services = services;
        Instance = instance;
        JobId = jobId;
    }

    /// <summary>The serializer options for inputs and results.</summary>
    internal JsonSerializerOptions Json { get; }

    /// <summary>Cancelled when the job is stopped or times out.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The app's services.</summary>
    internal IServiceProvider Services { get; }

    /// <summary>The worker's instance of the endpoint class, or null when the endpoint has only static methods.</summary>
    internal object? Instance { get; }

    /// <summary>The job id, or null for a route call.</summary>
    internal string? JobId { get; }

    /// <summary>Where the job comes from: its input errors speak of <c>{"input": …}</c> or of the request.</summary>
    internal JobOrigin Origin { get; init; }

    /// <summary>The endpoint instance as <typeparamref name="T"/>; generated shims call it for instance methods.</summary>
    /// <typeparam name="T">The endpoint class.</typeparam>
    /// <returns>The instance.</returns>
    /// <exception cref="InvalidOperationException">The runtime created no instance of <typeparamref name="T"/> for this job.</exception>
    public T GetInstance<T>()
        where T : class =>
        Instance as T ?? throw new InvalidOperationException(
            $"No instance of {typeof(T).Name} was created for this job: run the endpoint through the worker runtime (FlashWorker), which creates one per worker.");
}
