using System.Collections.Generic;

namespace Flash.Manifest;

/// <summary>
/// The names of <c>flash_manifest.json</c> outside an endpoint's fields (those are <see cref="EndpointDefinition.Fields"/>):
/// its version, the top-level keys, and the keys of network volume and function objects.
/// </summary>
internal static class ManifestFormat
{
    /// <summary>The format this code writes and reads.</summary>
    public const string Version = "2.0";

    /// <summary>The <c>runtime</c> of a .NET app's manifest.</summary>
    public const string Runtime = "dotnet";

    /// <summary>The pod template object inside an endpoint entry.</summary>
    public const string Template = "template";

    /// <summary>Top-level keys.</summary>
    public static class Keys
    {
        public const string Version = "version";
        public const string Runtime = "runtime";
        public const string ProjectName = "project_name";
        public const string Container = "container";
        public const string Resources = "resources";
        public const string NetworkVolumes = "network_volumes";
        public const string SourceFingerprint = "source_fingerprint";

        /// <summary>Every top-level key, in the order the manifest writes them.</summary>
        public static readonly IReadOnlyList<string> All = new[] { Version, Runtime, ProjectName, Container, Resources, NetworkVolumes, SourceFingerprint };
    }

    /// <summary>Keys of the <c>container</c> object: the SDK container properties the project sets.</summary>
    public static class ContainerKeys
    {
        public const string Registry = "registry";
        public const string Repository = "repository";
        public const string Tag = "tag";
    }

    /// <summary>Keys of a network volume object.</summary>
    public static class VolumeKeys
    {
        public const string Name = "name";
        public const string Id = "id";
        public const string Size = "size";
        public const string DataCenter = "dataCenterId";
    }

    /// <summary>Keys of a function object.</summary>
    public static class FunctionKeys
    {
        public const string Name = "name";
        public const string HttpMethod = "http_method";
        public const string HttpPath = "http_path";
    }
}
