using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Flash.Platform;

/// <summary>
/// API ids of RunPod datacenters (<see cref="DataCenter"/>), which of them Flash uses for network storage,
/// and the default datacenter lists of GPU and CPU endpoints.
/// </summary>
internal static class DataCenterCatalog
{
    /// <summary>Every datacenter, in enum order.</summary>
    private static readonly DataCenter[] All =
    {
        DataCenter.EuRo1,
        DataCenter.CaMtl1,
        DataCenter.EuSe1,
        DataCenter.UsIl1,
        DataCenter.EurIs1,
        DataCenter.EuCz1,
        DataCenter.UsTx3,
        DataCenter.EurIs2,
        DataCenter.UsKs2,
        DataCenter.UsGa2,
        DataCenter.UsWa1,
        DataCenter.UsTx1,
        DataCenter.CaMtl3,
        DataCenter.EuNl1,
        DataCenter.UsTx4,
        DataCenter.UsCa2,
        DataCenter.UsNc1,
        DataCenter.OcAu1,
        DataCenter.UsDe1,
        DataCenter.EurIs3,
        DataCenter.CaMtl2,
        DataCenter.ApJp1,
        DataCenter.EurNo1,
        DataCenter.EuFr1,
        DataCenter.UsKs3,
        DataCenter.UsGa1,
        DataCenter.UsMo1,
        DataCenter.UsMo2,
        DataCenter.UsNc2,
        DataCenter.UsNe1,
    };

    /// <summary>Flash's network-storage (and S3) list, in the Python SDK's order; also the GPU default.</summary>
    private static readonly DataCenter[] Storage =
    {
        DataCenter.UsCa2,
        DataCenter.UsIl1,
        DataCenter.UsKs2,
        DataCenter.UsMo1,
        DataCenter.UsMo2,
        DataCenter.UsNc2,
        DataCenter.UsNe1,
        DataCenter.UsWa1,
        DataCenter.EuCz1,
        DataCenter.EuRo1,
        DataCenter.EurNo1,
    };

    private static readonly ReadOnlyCollection<DataCenter> StorageView = Array.AsReadOnly(Storage);

    private static readonly ReadOnlyCollection<DataCenter> CpuView = Array.AsReadOnly(new[] { DataCenter.EuRo1 });

    private static readonly Dictionary<string, DataCenter> ById = BuildIndex();

    /// <summary>Whether <paramref name="dc"/> is a member of <see cref="DataCenter"/> (a cast int or an unset value is not).</summary>
    /// <param name="dc">The datacenter to check.</param>
    /// <returns><see langword="true"/> for a defined datacenter.</returns>
    public static bool IsDefined(DataCenter dc) => IdOrNull(dc) is not null;

    /// <summary>The API id of a datacenter, e.g. <c>EU-RO-1</c>.</summary>
    /// <param name="dc">A defined datacenter.</param>
    /// <returns>The exact API id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dc"/> is not a defined <see cref="DataCenter"/>.</exception>
    public static string Id(DataCenter dc) =>
        IdOrNull(dc) ?? throw new ArgumentOutOfRangeException(nameof(dc), dc,
            $"{(int)dc} is not a defined DataCenter; check DataCenterCatalog.IsDefined first.");

    /// <summary>
    /// Whether Flash considers <paramref name="dc"/> a datacenter with network storage (and S3 support),
    /// i.e. whether it is in <see cref="DefaultGpuLocations"/>.
    /// </summary>
    /// <param name="dc">The datacenter to check; an undefined value has no storage.</param>
    /// <returns><see langword="true"/> for a datacenter of Flash's storage list.</returns>
    public static bool HasNetworkStorage(DataCenter dc) => Array.IndexOf(Storage, dc) >= 0;

    /// <summary>
    /// The datacenters a GPU endpoint without a datacenter list runs in: Flash's network-storage list, in the order
    /// US-CA-2, US-IL-1, US-KS-2, US-MO-1, US-MO-2, US-NC-2, US-NE-1, US-WA-1, EU-CZ-1, EU-RO-1, EUR-NO-1.
    /// </summary>
    public static IReadOnlyList<DataCenter> DefaultGpuLocations => StorageView;

    /// <summary>The only datacenters CPU endpoints run in: EU-RO-1.</summary>
    public static IReadOnlyList<DataCenter> CpuDataCenters => CpuView;

    /// <summary>
    /// Reads a datacenter written as text: surrounding white space is trimmed, the text is upper-cased (invariant
    /// culture) and <c>_</c> becomes <c>-</c>, then it must equal an API id (so <c>" us_ca_2 "</c> is US-CA-2).
    /// </summary>
    /// <param name="text">The text to read; <see langword="null"/> or blank is not a datacenter.</param>
    /// <param name="dc">The datacenter read, or <see langword="default"/> (which is not a defined datacenter) when the text is not one.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> names a known datacenter.</returns>
    public static bool TryParse(string? text, out DataCenter dc)
    {
        if (text is not null && ById.TryGetValue(Normalize(text), out dc))
        {
            return true;
        }

        dc = default;
        return false;
    }

    /// <summary>The <c>locations</c> value of the API: the ids of <paramref name="dcs"/> joined by <c>,</c>, order and repeats kept.</summary>
    /// <param name="dcs">Defined datacenters.</param>
    /// <returns>The comma-joined ids; empty for an empty sequence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dcs"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An element is not a defined <see cref="DataCenter"/>.</exception>
    public static string Locations(IEnumerable<DataCenter> dcs)
    {
        if (dcs is null)
        {
            throw new ArgumentNullException(nameof(dcs));
        }

        var ids = new List<string>();
        foreach (var dc in dcs)
        {
            ids.Add(Id(dc));
        }

        return string.Join(",", ids);
    }

    private static string Normalize(string text) => text.Trim().ToUpperInvariant().Replace('_', '-');

    private static Dictionary<string, DataCenter> BuildIndex()
    {
        var index = new Dictionary<string, DataCenter>(StringComparer.Ordinal);
        foreach (var dc in All)
        {
            index[Id(dc)] = dc;
        }

        return index;
    }

    private static string? IdOrNull(DataCenter dc) => dc switch
    {
        DataCenter.EuRo1 => "EU-RO-1",
        DataCenter.CaMtl1 => "CA-MTL-1",
        DataCenter.EuSe1 => "EU-SE-1",
        DataCenter.UsIl1 => "US-IL-1",
        DataCenter.EurIs1 => "EUR-IS-1",
        DataCenter.EuCz1 => "EU-CZ-1",
        DataCenter.UsTx3 => "US-TX-3",
        DataCenter.EurIs2 => "EUR-IS-2",
        DataCenter.UsKs2 => "US-KS-2",
        DataCenter.UsGa2 => "US-GA-2",
        DataCenter.UsWa1 => "US-WA-1",
        DataCenter.UsTx1 => "US-TX-1",
        DataCenter.CaMtl3 => "CA-MTL-3",
        DataCenter.EuNl1 => "EU-NL-1",
        DataCenter.UsTx4 => "US-TX-4",
        DataCenter.UsCa2 => "US-CA-2",
        DataCenter.UsNc1 => "US-NC-1",
        DataCenter.OcAu1 => "OC-AU-1",
        DataCenter.UsDe1 => "US-DE-1",
        DataCenter.EurIs3 => "EUR-IS-3",
        DataCenter.CaMtl2 => "CA-MTL-2",
        DataCenter.ApJp1 => "AP-JP-1",
        DataCenter.EurNo1 => "EUR-NO-1",
        DataCenter.EuFr1 => "EU-FR-1",
        DataCenter.UsKs3 => "US-KS-3",
        DataCenter.UsGa1 => "US-GA-1",
        DataCenter.UsMo1 => "US-MO-1",
        DataCenter.UsMo2 => "US-MO-2",
        DataCenter.UsNc2 => "US-NC-2",
        DataCenter.UsNe1 => "US-NE-1",
        _ => null,
    };
}
