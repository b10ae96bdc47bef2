using System.Text.Json;
using Microsoft.Extensions.Hosting;

namespace Flash.Workers;

/// <summary>How <see cref="FlashWorker"/> runs an app beyond what the command line and the environment say.</summary>
public sealed class FlashWorkerOptions
{
    /// <summary>
    /// Adds the app's services (constructor parameters of endpoint classes), logging and configuration. Called on
    /// the host builder of every mode, after Flash's own defaults, so it can change them.
    /// </summary>
    public Action<IHostApplicationBuilder>? Configure { get; init; }

    /// <summary>
    /// The serializer options jobs are bound with; null for Flash's: web conventions, with the metadata of the app's
    /// <c>JsonSerializerContext</c> types.
    /// </summary>
    public JsonSerializerOptions? Json { get; init; }

    /// <summary>
    /// Configuration values added after the environment (keys as the variables are named, e.g.
    /// <c>RUNPOD_WEBHOOK_GET_JOB</c>, <c>FLASH_RESOURCE_NAME</c>); null for none.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? Settings { get; init; }

    /// <summary>Where results and help go; null for the console's standard output.</summary>
    public TextWriter? Out { get; init; }

    /// <summary>Where usage errors go; null for the console's standard error. Logs always go to standard error.</summary>
    public TextWriter? Error { get; init; }
}
