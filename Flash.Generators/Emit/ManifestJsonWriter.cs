using System.Collections.Generic;
using System.Linq;
using Flash.Generators.Model;

namespace Flash.Generators.Emit;

/// <summary>
/// Writes flash_manifest.json (version 1.0): the field names of the Python Flash manifest where the concept is the same,
/// plus what a .NET worker needs. No timestamp and no machine path, so the same declarations give the same bytes.
/// </summary>
internal static class ManifestJsonWriter
{
    public const string Version = "1.0";

    public static string Write(AppManifest app)
    {
        // About 1.8 KB of JSON per endpoint: sized once, so a large manifest is not copied as it grows.
        var json = new JsonText(1024 + (2048 * app.Endpoints.Count));
        json.StartObject();
        json.String("version", Version);
        json.String("runtime", "dotnet");
        json.String("project_name", app.ProjectName);
        json.String("assembly", app.ProjectName);
        json.StartObject("container");
        json.String("registry", app.Container.Registry);
        json.String("repository", app.Container.Repository);
        json.String("tag", app.Container.Tag);
        json.EndObject();
        // The fingerprint: FNV-1a 64 over the resource entries as written (as a document of their own), so it changes
        // when anything deployable changes, never otherwise.
        json.StartHashedObject("resources");
        foreach (var endpoint in app.Endpoints)
        {
            Resource(json, endpoint);
        }

        var fingerprint = json.EndHashedObject();
        json.StartArray("network_volumes");
        foreach (var volume in app.Volumes)
        {
            Volume(json, volume.Volume);
        }

        json.EndArray();
        // JSON keys are written once: a method that two endpoints share, or a route declared twice, is an analyzer
        // error; the file stays valid JSON meanwhile, keeping the first in name order.
        json.StartObject("function_registry");
        var entries = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var endpoint in app.Endpoints)
        {
            foreach (var name in endpoint.Functions.Select(f => EntryName(endpoint, f)).Where(entries.Add))
            {
                json.String(name, endpoint.Name);
            }
        }

        json.EndObject();
        if (app.Endpoints.Any(e => e.IsLoadBalanced))
        {
            json.StartObject("routes");
            foreach (var endpoint in app.Endpoints.Where(e => e.IsLoadBalanced))
            {
                json.StartObject(endpoint.Name);
                var routes = new HashSet<string>(System.StringComparer.Ordinal);
                foreach (var function in endpoint.Functions.Where(f => routes.Add($"{f.HttpMethod} {f.HttpPath}")))
                {
                    json.String($"{function.HttpMethod} {function.HttpPath}", function.Name);
                }

                json.EndObject();
            }

            json.EndObject();
        }

        json.String("source_fingerprint", "fnv1a64:" + fingerprint.ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
        json.EndObject();
        return json.Finish();
    }

    /// <summary>The entry a function registry key names: the declaring type and the method.</summary>
    public static string EntryName(ManifestEndpoint endpoint, FunctionModel function) => $"{endpoint.Type.MetadataName}.{function.Name}";

    private static void Resource(JsonText json, ManifestEndpoint endpoint)
    {
        json.StartObject(endpoint.Name);
        json.String("resource_type", endpoint.IsCpu ? "CpuEndpoint" : "GpuEndpoint");
        json.String("type", endpoint.EndpointType);
        json.Bool("is_load_balanced", endpoint.IsLoadBalanced);
        json.String("dotnet_type", endpoint.Type.MetadataName);
        json.StartArray("functions");
        foreach (var function in endpoint.Functions)
        {
            Function(json, endpoint, function);
        }

        json.EndArray();
        json.String("imageName", endpoint.Image);
        if (endpoint.IsCpu)
        {
            json.String("instanceIds", endpoint.InstanceIds);
        }
        else
        {
            json.String("gpuIds", endpoint.GpuIds);
            json.Number("gpuCount", endpoint.GpuCount ?? 0);
            json.String("minCudaVersion", endpoint.MinCudaVersion);
        }

        json.Number("workersMin", endpoint.WorkersMin);
        json.Number("workersMax", endpoint.WorkersMax);
        json.Number("idleTimeout", endpoint.IdleTimeoutSeconds);
        json.String("scalerType", endpoint.ScalerType);
        json.Number("scalerValue", endpoint.ScalerValue);
        json.Number("executionTimeoutMs", endpoint.ExecutionTimeoutMs);
        json.Bool("flashboot", endpoint.FlashBoot);
        json.String("locations", endpoint.Locations);
        json.StartObject("env");
        foreach (var variable in LastWins(endpoint.Env))
        {
            json.String(variable.Name, variable.Value);
        }

        json.EndObject();
        json.StartArray("networkVolumes");
        foreach (var volume in endpoint.Volumes)
        {
            Volume(json, volume.Volume);
        }

        json.EndArray();
        json.StartObject("template");
        json.Number("containerDiskInGb", endpoint.ContainerDiskInGb);
        json.String("dockerArgs", endpoint.DockerArgs ?? string.Empty);
        json.String("startScript", endpoint.StartScript ?? string.Empty);
        json.String("containerRegistryAuthId", endpoint.ContainerRegistryAuthId);
        json.EndObject();
        if (endpoint.MaxConcurrency is { } maxConcurrency)
        {
            json.Number("max_concurrency", maxConcurrency);
        }

        json.EndObject();
    }

    private static void Function(JsonText json, ManifestEndpoint endpoint, FunctionModel function)
    {
        json.StartObject();
        json.String("name", function.Name);
        json.String("entry", EntryName(endpoint, function));
        json.Bool("is_async", function.IsAsync);
        json.Bool("is_static", function.IsStatic);
        json.Bool("is_class", endpoint.Kind != EndpointKind.Function);
        json.StartArray("class_methods");
        if (endpoint.Kind != EndpointKind.Function)
        {
            foreach (var name in endpoint.Functions.Select(f => f.Name).Distinct())
            {
                json.String(null, name);
            }
        }

        json.EndArray();
        json.String("http_method", function.HttpMethod);
        json.String("http_path", function.HttpPath);
        json.StartArray("parameters");
        foreach (var parameter in function.Parameters.Where(p => !p.IsCancellationToken))
        {
            json.StartObject();
            json.String("name", parameter.Name);
            json.String("type", TypeName(parameter.Type));
            json.Bool("required", !parameter.IsOptional);
            json.EndObject();
        }

        json.EndArray();
        json.String("returns", function.ResultType is null ? null : TypeName(function.ResultType));
        json.EndObject();
    }

    private static void Volume(JsonText json, VolumeModel volume)
    {
        json.StartObject();
        json.String("name", volume.Name);
        json.String("id", volume.Id);
        json.Number("size", volume.SizeGb);
        json.String("dataCenterId", volume.DataCenter is { } dc ? Flash.Platform.DataCenterCatalog.Id(dc) : null);
        json.EndObject();
    }

    private static IEnumerable<EnvVar> LastWins(EquatableArray<EnvVar> env)
    {
        var last = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var variable in env)
        {
            last[variable.Name] = variable.Value;
        }

        var written = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var variable in env)
        {
            if (written.Add(variable.Name))
            {
                yield return new EnvVar(variable.Name, last[variable.Name]);
            }
        }
    }

    private static string TypeName(string fullyQualified) => fullyQualified.Replace("global::", string.Empty);
}
