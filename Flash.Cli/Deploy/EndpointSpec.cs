using Flash.Cli.Commands;
using Flash.Cli.Manifest;
using Flash.Manifest;

namespace Flash.Cli.Deploy;

/// <summary>
/// An endpoint as it should exist on RunPod: the manifest's settings, the container image resolved, and the worker
/// environment with the variables <c>flash deploy</c> adds (the endpoint and app names).
/// </summary>
/// <param name="Definition">The manifest entry.</param>
/// <param name="App">The app (the manifest's project name).</param>
/// <param name="Image">The container image the workers run.</param>
/// <param name="Env">The workers' environment: the endpoint's Env in manifest order, then FLASH_RESOURCE_NAME and FLASH_APP.</param>
internal sealed record EndpointSpec(EndpointDefinition Definition, string App, string Image, IReadOnlyList<KeyValuePair<string, string>> Env)
{
    public string Name => Definition.Name;

    /// <summary>The API endpoint type, QB or LB.</summary>
    public string Type => ManifestValues.EndpointType(Definition);

    /// <summary>The routes of a load-balanced endpoint as <c>"METHOD /path"</c>.</summary>
    public IReadOnlyList<string> Routes => ManifestValues.Routes(Definition);

    /// <summary>
    /// The name of the endpoint's pod template. Together with FLASH_APP and FLASH_RESOURCE_NAME in its environment it
    /// marks an endpoint as made by flash for this app, which is what lets a checkout without state find its endpoints
    /// by name, and leave every other endpoint alone.
    /// </summary>
    public string TemplateName => TemplateNameOf(App, Name);

    public static string TemplateNameOf(string app, string endpoint) => $"flash-{app}-{endpoint}";

    /// <summary>The specs of every endpoint of the manifest; fails, naming them, when endpoints have no image.</summary>
    public static IReadOnlyList<EndpointSpec> FromManifest(AppManifest manifest, ImageOptions images)
    {
        var appImage = images.Resolve(manifest.ProjectName, manifest.Container);
        var withoutImage = manifest.Endpoints.Where(e => e.Image is null && appImage is null).Select(e => e.Name).ToList();
        if (withoutImage.Count > 0)
        {
            throw new FlashCliException(
                $"No container image for {string.Join(", ", withoutImage)}. Set Image on the [Endpoint], or pass --image IMAGE, " +
                "or the values given to dotnet publish -t:PublishContainer: --container-registry, --container-repository " +
                "(default: the assembly name in lower case) and --container-image-tag (default: latest).");
        }

        return manifest.Endpoints
            .Select(e => new EndpointSpec(e, manifest.ProjectName, e.Image ?? appImage!, WorkerEnv(e, manifest.ProjectName)))
            .ToList();
    }

    private static List<KeyValuePair<string, string>> WorkerEnv(EndpointDefinition endpoint, string app) =>
    [
        .. endpoint.Env,
        new(WorkerVariables.ResourceName, endpoint.Name),
        new(WorkerVariables.App, app),
    ];
}
