namespace Flash.Build;

/// <summary>The manifest a compiled assembly carries, as <see cref="ManifestMetadataReader"/> read it.</summary>
internal sealed class EmbeddedManifest
{
    public EmbeddedManifest(byte[] utf8Json, int? endpointCount)
    {
        Utf8Json = utf8Json;
        EndpointCount = endpointCount;
    }

    /// <summary>The manifest JSON as the file holds it: UTF-8 without a byte-order mark.</summary>
    public byte[] Utf8Json { get; }

    /// <summary>The number of endpoints the assembly records; null when it records none.</summary>
    public int? EndpointCount { get; }
}
