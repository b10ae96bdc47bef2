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
    private static readonly Catalog<DataCenter, CatalogRow<DataCenter>> Table = new(
        nameof(DataCenterCatalog),
        new(DataCenter.EuRo1, "EU-RO-1"),
        new(DataCenter.CaMtl1, "CA-MTL-1"),
        new(DataCenter.EuSe1, "EU-SE-1"),
        new(DataCenter.UsIl1, "US-IL-1"),
        new(DataCenter.EurIs1, "EUR-IS-1"),
        new(DataCenter.EuCz1, "EU-CZ-1"),
        new(DataCenter.UsTx3, "US-TX-3"),
        new(DataCenter.EurIs2, "EUR-IS-2"),
        new(DataCenter.UsKs2, "US-KS-2"),
        new(DataCenter.UsGa2, "US-GA-2"),
        new(DataCenter.UsWa1, "US-WA-1"),
        new(DataCenter.UsTx1, "US-TX-1"),
        new(DataCenter.CaMtl3, "CA-MTL-3"),
        new(DataCenter.EuNl1, "EU-NL-1"),
        new(DataCenter.UsTx4, "US-TX-4"),
        new(DataCenter.UsCa2, "US-CA-2"),
        new(DataCenter.UsNc1, "US-NC-1"),
        new(DataCenter.OcAu1, "OC-AU-1"),
        new(DataCenter.UsDe1, "US-DE-1"),
        new(DataCenter.EurIs3, "EUR-IS-3"),
        new(DataCenter.CaMtl2, "CA-MTL-2"),
        new(DataCenter.ApJp1, "AP-JP-1"),
        new(DataCenter.EurNo1, "EUR-NO-1"),
        new(DataCenter.EuFr1, "EU-FR-1"),
        new(DataCenter.UsKs3, "US-KS-3"),
        new(DataCenter.UsGa1, "US-GA-1"),
        new(DataCenter.UsMo1, "US-MO-1"),
        new(DataCenter.UsMo2, "US-MO-2"),
        new(DataCenter.UsNc2, "US-NC-2"),
        new(DataCenter.UsNe1, "US-NE-1"));

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

    /// <summary>Every datacenter, in enum order.</summary>
    public static IReadOnlyList<DataCenter> All => Table.Members;

    /// <summary>Whether <paramref name="dc"/> is a member of <see cref="DataCenter"/> (a cast int or an unset value is not).</summary>
    /// <param name="dc">The datacenter to check.</param>
    /// <returns><see langword="true"/> for a defined datacenter.</returns>
    public static bool IsDefined(DataCenter dc) => Table.IsDefined(dc);

    /// <summary>The API id of a datacenter, e.g. <c>EU-RO-1</c>.</summary>
    /// <param name="dc">A defined datacenter.</param>
    /// <returns>The exact API id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dc"/> is not a defined <see cref="DataCenter"/>.</exception>
    public static string Id(DataCenter dc) => Table.Row(dc, nameof(dc)).Id;

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
    public static bool TryParse(string? text, out DataCenter dc) =>
        Table.TryParseId(text is null ? null : Normalize(text), out dc);

    /// <summary>Reads a datacenter written exactly as its API id: <c>US-CA-2</c>, but not <c>us_ca_2</c>, which <see cref="TryParse"/> accepts.</summary>
    /// <param name="id">The id to read; <see langword="null"/> is not a datacenter.</param>
    /// <param name="dc">The datacenter read, or <see langword="default"/> (which is not a defined datacenter) when the id is not one.</param>
    /// <returns><see langword="true"/> when <paramref name="id"/> is the API id of a datacenter.</returns>
    public static bool TryParseId(string? id, out DataCenter dc) => Table.TryParseId(id, out dc);

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
}
