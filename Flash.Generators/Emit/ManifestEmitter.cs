using System.Linq;
using Flash.Generators.Model;
using Scriban.Runtime;

namespace Flash.Generators.Emit;

/// <summary>
/// Renders the typed manifest: the JSON constant, typed endpoints and volumes, the registry, and Main. Values the template
/// writes as C# literals are handed to it as literals.
/// </summary>
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
            ["json"] = CSharpLiteral.String(ManifestJsonWriter.Write(app)),
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
                ["name"] = CSharpLiteral.String(function.Name),
                ["http_method"] = CSharpLiteral.String(function.HttpMethod),
                ["http_path"] = CSharpLiteral.String(function.HttpPath),
            });
        }

        var env = new ScriptArray();
        foreach (var variable in e.Env)
        {
            env.Add(new ScriptObject { ["name"] = CSharpLiteral.String(variable.Name), ["value"] = CSharpLiteral.String(variable.Value) });
        }

        var volumes = new ScriptArray();
        foreach (var volume in e.Volumes)
        {
            volumes.Add(new ScriptObject { ["identifier"] = volume.Identifier });
        }

        return new ScriptObject
        {
            ["name"] = CSharpLiteral.String(e.Name),
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
            ["gpu_ids"] = CSharpLiteral.String(e.GpuIds),
            ["gpu_count"] = CSharpLiteral.Int(e.GpuCount),
            ["min_cuda_version"] = CSharpLiteral.String(e.MinCudaVersion),
            ["instance_ids"] = CSharpLiteral.String(e.InstanceIds),
            ["workers_min"] = e.WorkersMin,
            ["workers_max"] = e.WorkersMax,
            ["idle_timeout_seconds"] = e.IdleTimeoutSeconds,
            ["execution_timeout_ms"] = e.ExecutionTimeoutMs,
            ["flash_boot"] = Bool(e.FlashBoot),
            ["scaler_type"] = CSharpLiteral.String(e.ScalerType),
            ["scaler_value"] = e.ScalerValue,
            ["locations"] = CSharpLiteral.String(e.Locations),
            ["max_concurrency"] = CSharpLiteral.Int(e.MaxConcurrency),
            ["env"] = env,
            ["image"] = CSharpLiteral.String(e.Image),
            ["container_disk_in_gb"] = e.ContainerDiskInGb,
            ["docker_args"] = CSharpLiteral.String(e.DockerArgs),
            ["start_script"] = CSharpLiteral.String(e.StartScript),
            ["container_registry_auth_id"] = CSharpLiteral.String(e.ContainerRegistryAuthId),
            ["volumes"] = volumes,
            ["functions"] = functions,
        };
    }

    private static ScriptObject Volume(ManifestVolume v) => new()
    {
        ["identifier"] = v.Identifier,
        ["key"] = CSharpLiteral.String(v.Volume.Key),
        ["name"] = CSharpLiteral.String(v.Volume.Name),
        ["id"] = CSharpLiteral.String(v.Volume.Id),
        ["size_gb"] = v.Volume.SizeGb,
        ["data_center_id"] = CSharpLiteral.String(v.Volume.DataCenter is { } dc ? Flash.Platform.DataCenterCatalog.Id(dc) : null),
    };

    private static string Bool(bool value) => value ? "true" : "false";
}
