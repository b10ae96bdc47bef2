using Flash.Cli.Commands;
using Flash.Cli.Manifest;
using Flash.Client;
using Flash.Manifest;

namespace Flash.Cli.Deploy;

/// <summary>
/// An endpoint as it should exist on RunPod: the manifest's settings, the container image resolved, and the worker
/// environment with the variables <c>flash deploy</c> adds (the endpoint and app names, and the ids of the app's other
/// endpoints that are known).
/// </summary>
/// <param name="Definition">The manifest entry.</param>
/// <param name="App">The app (the manifest's project name).</param>
/// <param name="Image">The container image the workers run.</param>
/// <param name="Peers">The names of the app's other endpoints, in name order.</param>
internal sealed record EndpointSpec(EndpointDefinition Definition, string App, string Image, IReadOnlyList<string> Peers)
{
    public string Name => Definition.Name;

    /// <summary>The environment this endpoint is deployed to.</summary>
    public AppEnvironment Environment { get; init; } = AppEnvironment.Production;

    /// <summary>The endpoint's name on RunPod: <see cref="Name"/>, suffixed outside production (see <see cref="AppEnvironment"/>).</summary>
    public string RemoteName => Environment.RemoteNameOf(Name);

    /// <summary>The ids of the peers that have one (a peer not created yet has none), by peer name.</summary>
    public IReadOnlyDictionary<string, string> PeerIds { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The workers' environment: the endpoint's Env in manifest order, then FLASH_RESOURCE_NAME, FLASH_APP and (outside
    /// production) FLASH_ENVIRONMENT, then
    /// <c>FLASH_ENDPOINT_&lt;PEER&gt;</c> with the id of each peer that has one, in peer name order, so the endpoint's
    /// clients find the others by name.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env =>
    [
        .. Definition.Env,
        new(WorkerVariables.ResourceName, Name),
        new(WorkerVariables.App, App),
        .. Environment.WorkerVariables,
        .. Peers.Where(PeerIds.ContainsKey).Select(peer => new KeyValuePair<string, string>(EndpointSettings.VariableOf(peer), PeerIds[peer])),
    ];

    /// <summary>The peers that have no id yet: their variables are added once they are created.</summary>
    public IReadOnlyList<string> PeersWithoutId => Peers.Where(peer => !PeerIds.ContainsKey(peer)).ToList();

    /// <summary>This endpoint with the ids of its peers taken from <paramref name="ids"/> (endpoint name → id).</summary>
    public EndpointSpec WithPeerIds(IReadOnlyDictionary<string, string> ids) => this with
    {
        PeerIds = Peers.Where(ids.ContainsKey).ToDictionary(peer => peer, peer => ids[peer], StringComparer.Ordinal),
    };

    /// <summary>The API endpoint type, QB or LB.</summary>
    public string Type => ManifestValues.EndpointType(Definition);

    /// <summary>The routes of a load-balanced endpoint as <c>"METHOD /path"</c>.</summary>
    public IReadOnlyList<string> Routes => ManifestValues.Routes(Definition);

    /// <summary>
    /// The name of the endpoint's pod template. Together with FLASH_APP, FLASH_RESOURCE_NAME and FLASH_ENVIRONMENT in its
    /// environment it marks an endpoint as made by flash for this app and environment, which is what lets a checkout without state find its endpoints
    /// by name, and leave every other endpoint alone.
    /// </summary>
    public string TemplateName => TemplateNameOf(App, RemoteName);

    public static string TemplateNameOf(string app, string endpoint) => $"flash-{app}-{endpoint}";

    /// <summary>
    /// The specs of every endpoint of the manifest, without peer ids; fails, naming them, when endpoints have no image,
    /// or when a variable flash sets for a peer would replace one the app sets or another peer's.
    /// </summary>
    public static IReadOnlyList<EndpointSpec> FromManifest(AppManifest manifest, ImageOptions images, AppEnvironment? environment = null)
    {
        PeerVariables.ThrowOnCollision(manifest.Endpoints);
        var appImage = images.Resolve(manifest.ProjectName, manifest.Container);
        var withoutImage = manifest.Endpoints.Where(e => e.Image is null && appImage is null).Select(e => e.Name).ToList();
        if (withoutImage.Count > 0)
        {
            throw new FlashCliException(
                $"No container image for {string.Join(", ", withoutImage)}. Set Image on the [Endpoint], or pass --image IMAGE, " +
                "or the values given to dotnet publish -t:PublishContainer: --container-registry, --container-repository " +
                "(default: the assembly name in lower case) and --container-image-tag (default: latest).");
        }

        var names = manifest.Endpoints.Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        return manifest.Endpoints
            .Select(e => new EndpointSpec(e, manifest.ProjectName, e.Image ?? appImage!, names.Where(n => n != e.Name).ToList())
            {
                Environment = environment ?? AppEnvironment.Production,
            })
            .ToList();
    }
}
