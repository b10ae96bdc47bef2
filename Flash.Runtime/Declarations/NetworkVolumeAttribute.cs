using System;

namespace Flash;

/// <summary>
/// Declares a RunPod network volume once for the assembly; endpoints attach it by name (or id) through
/// <see cref="EndpointAttribute.Volume"/> or <see cref="EndpointAttribute.Volumes"/>. Workers see it at
/// <c>/runpod-volume/</c>. Deployment reuses an existing volume with the same name and datacenter, and never deletes one.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class NetworkVolumeAttribute : Attribute
{
    /// <summary>Declares an existing volume by <see cref="Id"/>, which must then be set.</summary>
    public NetworkVolumeAttribute()
    {
    }

    /// <summary>Declares a volume by name.</summary>
    /// <param name="name">The volume name; with the datacenter, its identity on the platform.</param>
    public NetworkVolumeAttribute(string name) => Name = name;

    /// <summary>The volume name.</summary>
    public string? Name { get; }

    /// <summary>The id of an existing volume.</summary>
    public string? Id { get; set; }

    /// <summary>Size in GB, 10..4096 (default 100).</summary>
    public int SizeGb { get; set; }

    /// <summary>The datacenter that holds the volume (default EU-RO-1).</summary>
    public DataCenter DataCenter { get; set; }
}
