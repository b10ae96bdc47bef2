using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Flash.Manifest;

namespace Flash.Workers;

/// <summary>Calls one method of an endpoint with a job's input. Generated shims implement it without reflection.</summary>
/// <param name="input">The job's <c>input</c> object.</param>
/// <param name="context">The job context.</param>
/// <returns>The job result.</returns>
/// <remarks>For generated code: each shim method is one; app code has no use for it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate ValueTask<JobResult> JobInvoker(JsonElement input, JobContext context);

/// <summary>One method a job or a route reaches.</summary>
/// <param name="definition">The method as the manifest names it (its route, for a load-balanced endpoint).</param>
/// <param name="invoke">The generated invoker.</param>
/// <remarks>For generated code: the generated registry creates one per method; app code has no use for it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WorkerFunction(FunctionDefinition definition, JobInvoker invoke)
{
    /// <summary>The method as the manifest names it.</summary>
    public FunctionDefinition Definition { get; } = definition;

    /// <summary>The method name.</summary>
    internal string Name => Definition.Name;

    /// <summary>The HTTP method of a route, or null.</summary>
    internal string? HttpMethod => Definition.HttpMethod;

    /// <summary>The route path, or null.</summary>
    internal string? HttpPath => Definition.HttpPath;

    /// <summary>Runs the method; an exception it throws becomes an error result.</summary>
    /// <param name="input">The job's <c>input</c> object.</param>
    /// <param name="context">The job context.</param>
    /// <returns>The job result.</returns>
    internal async ValueTask<JobResult> InvokeAsync(JsonElement input, JobContext context)
    {
        try
        {
            return (await invoke(input, context).ConfigureAwait(false)).From(Name);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            return JobResult.Failure($"'{Name}' was cancelled.", JobErrorKind.Cancelled);
        }
        catch (Exception ex)
        {
            return JobResult.Thrown(Name, ex);
        }
    }
}

/// <summary>An endpoint of the app with the methods its jobs reach.</summary>
/// <param name="definition">Its deployment values.</param>
/// <param name="functions">Its methods (one for function endpoints).</param>
/// <param name="createInstance">
/// Creates the endpoint class's one instance per worker, its constructor arguments from the app's services; null when
/// every method is static. Generated code calls the constructor directly, so no reflection is involved.
/// </param>
/// <remarks>For generated code: the generated registry creates one per endpoint; app code has no use for it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WorkerEndpoint(EndpointDefinition definition, IReadOnlyList<WorkerFunction> functions, Func<IServiceProvider, object>? createInstance = null)
{
    /// <summary>The deployment values.</summary>
    internal EndpointDefinition Definition { get; } = definition;

    /// <summary>The methods jobs or routes reach.</summary>
    internal IReadOnlyList<WorkerFunction> Functions { get; } = functions;

    /// <summary>Creates the worker's instance of the endpoint class; null when every method is static.</summary>
    internal Func<IServiceProvider, object>? CreateInstance { get; } = createInstance;

    /// <summary>Runs one job: <c>input</c> holds the parameters by name, and <c>"method"</c> for class endpoints.</summary>
    /// <param name="input">The job's <c>input</c>.</param>
    /// <param name="context">The job context.</param>
    /// <returns>The job result.</returns>
    internal ValueTask<JobResult> InvokeAsync(JsonElement input, JobContext context)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            return new(JobResult.Failure(
                $"The input of endpoint '{Definition.Name}' must be a JSON object of parameters by name, not {input.ValueKind.ToString().ToLowerInvariant()}."));
        }

        if (Definition.Kind == EndpointKind.QueueFunction)
        {
            return Functions[0].InvokeAsync(input, context);
        }

        var available = string.Join(", ", Functions.Select(f => f.Name).Distinct());
        if (!input.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String)
        {
            return Functions.Count == 1
                ? Functions[0].InvokeAsync(input, context)
                : new(JobResult.Failure($"Endpoint '{Definition.Name}' needs \"method\" in its input: one of {available}."));
        }

        var name = method.GetString();
        foreach (var function in Functions)
        {
            if (function.Name == name)
            {
                return function.InvokeAsync(input, context);
            }
        }

        return new(JobResult.Failure($"Endpoint '{Definition.Name}' has no method '{name}': use one of {available}."));
    }
}

/// <summary>Every endpoint of the app; the generated <c>FlashManifest.Registry</c> is one.</summary>
/// <param name="endpoints">The endpoints, ordered by name.</param>
/// <param name="jsonResolver">
/// The app's JSON metadata (its <c>JsonSerializerContext</c> types, combined), or null when the app declares none.
/// </param>
/// <remarks>
/// For generated code: the generated <c>FlashManifest.Registry</c> creates it, and app code only hands that on to
/// <see cref="FlashWorker.RunAsync(WorkerRegistry, string[])"/>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WorkerRegistry(IReadOnlyList<WorkerEndpoint> endpoints, IJsonTypeInfoResolver? jsonResolver = null)
{
    /// <summary>The endpoints, ordered by name.</summary>
    internal IReadOnlyList<WorkerEndpoint> Endpoints { get; } = endpoints;

    /// <summary>The app's JSON metadata, or null when it declares no <c>JsonSerializerContext</c>.</summary>
    internal IJsonTypeInfoResolver? JsonResolver { get; } = jsonResolver;

    /// <summary>Finds an endpoint by name.</summary>
    /// <param name="name">The endpoint name.</param>
    /// <returns>The endpoint, or null.</returns>
    internal WorkerEndpoint? Find(string name) => Endpoints.FirstOrDefault(e => e.Definition.Name == name);
}
