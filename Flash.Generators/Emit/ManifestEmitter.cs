using System.Linq;
using Flash.Generators.Model;
using Scriban.Runtime;

namespace Flash.Generators.Emit;

/// <summary>Renders the typed manifest: the JSON constant, typed endpoints and volumes, the registry, and Main.</summary>
internal static class ManifestEmitter
{
    /// <summary>Renders the typed manifest.</summary>
    /// <param name="app">The app.</param>
    /// <param name="jsonContexts">The app's JsonSerializerContext types, fully qualified, ordered; the registry hands them to the runtime.</param>
    public static string Emit(AppManifest app, EquatableArray<string> jsonContexts)
    {
        var endpoints = new ScriptArray();
        foreach (var endpoint in app.Endpoints)
        {
            endpoints.Add(Endpoint(endpoint));
        }

        var volumes = new ScriptArray();
        foreach (var volume in app.Volumes)
        {
            volumes.Add(Volume(volume));
        }

        var model = new ScriptObject
        {
            ["namespace"] = app.Namespace,
            ["json"] = ManifestJsonWriter.Write(app),
            ["endpoints"] = endpoints,
            ["endpoint_count"] = app.Endpoints.Count,
            ["volumes"] = volumes,
            ["emit_main"] = app.EmitMain,
            ["json_resolver"] = JsonResolver(jsonContexts),
        };
        return Templates.RenderManifest(model);
    }

    /// <summary>The registry's JSON metadata: null, one context, or several combined (in name order).</summary>
    /// <remarks>
    /// Through <c>FlashJson.Context&lt;T&gt;()</c> rather than the generated <c>T.Default</c>, so this code compiles
    /// even while the System.Text.Json generator has not completed the context (half-typed code).
    /// </remarks>
    private static string JsonResolver(EquatableArray<string> contexts) => contexts.Count switch
    {
        0 => "null",
        1 => Context(contexts[0]),
        _ => "global::System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(" + string.Join(", ", contexts.Select(Context)) + ")",
    };

    private static string Context(string type) => "global::Flash.Workers.FlashJson.Context<" + type + ">()";

    private static ScriptObject Endpoint(ManifestEndpoint e)
    {
        var functions = new ScriptArray();
        foreach (var function in e.Functions)
        {
            functions.Add(new ScriptObject
            {
                ["name"] = function.Name,
                ["http_method"] = function.HttpMethod,
                ["http_path"] = function.HttpPath,
            });
        }

        var env = new ScriptArray();
        foreach (var variable in e.Env)
        {
            env.Add(new ScriptObject { ["name"] = variable.Name, ["value"] = variable.Value });
        }

        var volumes = new ScriptArray();
        foreach (var volume in e.Volumes)
        {
            volumes.Add(new ScriptObject { ["identifier"] = volume.Identifier });
        }

        return new ScriptObject
        {
            ["name"] = e.Name,
            ["identifier"] = e.Identifier,
            ["shim_class"] = e.ShimClass,
            ["needs_instance"] = e.Functions.Any(f => !f.IsStatic),
            ["kind"] = e.Kind switch
            {
                EndpointKind.Function => "QueueFunction",
                EndpointKind.Class => "QueueClass",
                _ => "LoadBalanced",
            },
            ["is_cpu"] = Bool(e.IsCpu),
            ["gpu_ids"] = e.GpuIds,
            ["gpu_count"] = e.GpuCount,
            ["min_cuda_version"] = e.MinCudaVersion,
            ["instance_ids"] = e.InstanceIds,
            ["workers_min"] = e.WorkersMin,
            ["workers_max"] = e.WorkersMax,
            ["idle_timeout_seconds"] = e.IdleTimeoutSeconds,
            ["execution_timeout_ms"] = e.ExecutionTimeoutMs,
            ["flash_boot"] = Bool(e.FlashBoot),
            ["scaler_type"] = e.ScalerType,
            ["scaler_value"] = e.ScalerValue,
            ["locations"] = e.Locations,
            ["max_concurrency"] = e.MaxConcurrency,
            ["env"] = env,
            ["image"] = e.Image,
            ["container_disk_in_gb"] = e.ContainerDiskInGb,
            ["docker_args"] = e.DockerArgs,
            ["start_script"] = e.StartScript,
            ["container_registry_auth_id"] = e.ContainerRegistryAuthId,
            ["volumes"] = volumes,
            ["functions"] = functions,
        };
    }

    private static ScriptObject Volume(ManifestVolume v) => new()
    {
        ["identifier"] = v.Identifier,
        ["key"] = v.Volume.Key,
        ["name"] = v.Volume.Name,
        ["id"] = v.Volume.Id,
        ["size_gb"] = v.Volume.SizeGb,
        ["data_center_id"] = v.Volume.DataCenter is { } dc ? Flash.Platform.DataCenterCatalog.Id(dc) : null,
    };

    private static string Bool(bool value) => value ? "true" : "false";
}
