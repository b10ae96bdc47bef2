using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Flash.Platform;

/// <summary>
/// API ids of RunPod GPU pools (<see cref="GpuGroup"/>) and GPU types (<see cref="GpuType"/>), the pool each type
/// belongs to, and the <c>gpuIds</c> string an endpoint sends for a mixed list of groups and types.
/// </summary>
internal static class GpuCatalog
{
    /// <summary>Every group, <see cref="GpuGroup.Any"/> included, with its API id.</summary>
    private static readonly Catalog<GpuGroup, CatalogRow<GpuGroup>> GroupTable = new(
        nameof(GpuCatalog),
        new(GpuGroup.Any, "any"),
        new(GpuGroup.Ada24, "ADA_24"),
        new(GpuGroup.Ada32Pro, "ADA_32_PRO"),
        new(GpuGroup.Ada48Pro, "ADA_48_PRO"),
        new(GpuGroup.Ada80Pro, "ADA_80_PRO"),
        new(GpuGroup.Ampere16, "AMPERE_16"),
        new(GpuGroup.Ampere24, "AMPERE_24"),
        new(GpuGroup.Ampere48, "AMPERE_48"),
        new(GpuGroup.Ampere80, "AMPERE_80"),
        new(GpuGroup.Hopper141, "HOPPER_141"),
        new(GpuGroup.Blackwell96, "BLACKWELL_96"),
        new(GpuGroup.Blackwell180, "BLACKWELL_180"));

    /// <summary>Every GPU type, with its API id and the pool that contains it.</summary>
    private static readonly Catalog<GpuType, TypeRow> TypeTable = new(
        nameof(GpuCatalog),
        new(GpuType.NvidiaGeForceRtx4090, "NVIDIA GeForce RTX 4090", GpuGroup.Ada24),
        new(GpuType.NvidiaGeForceRtx5090, "NVIDIA GeForce RTX 5090", GpuGroup.Ada32Pro),
        new(GpuType.NvidiaRtx6000Ada, "NVIDIA RTX 6000 Ada Generation", GpuGroup.Ada48Pro),
        new(GpuType.NvidiaH100_80GbHbm3, "NVIDIA H100 80GB HBM3", GpuGroup.Ada80Pro),
        new(GpuType.NvidiaRtxA4000, "NVIDIA RTX A4000", GpuGroup.Ampere16),
        new(GpuType.NvidiaRtxA4500, "NVIDIA RTX A4500", GpuGroup.Ampere16),
        new(GpuType.NvidiaRtx4000Ada, "NVIDIA RTX 4000 Ada Generation", GpuGroup.Ampere16),
        new(GpuType.NvidiaRtx2000Ada, "NVIDIA RTX 2000 Ada Generation", GpuGroup.Ampere16),
        new(GpuType.NvidiaRtxA5000, "NVIDIA RTX A5000", GpuGroup.Ampere24),
        new(GpuType.NvidiaL4, "NVIDIA L4", GpuGroup.Ampere24),
        new(GpuType.NvidiaGeForceRtx3090, "NVIDIA GeForce RTX 3090", GpuGroup.Ampere24),
        new(GpuType.NvidiaA40, "NVIDIA A40", GpuGroup.Ampere48),
        new(GpuType.NvidiaRtxA6000, "NVIDIA RTX A6000", GpuGroup.Ampere48),
        new(GpuType.NvidiaA100_80GbPcie, "NVIDIA A100 80GB PCIe", GpuGroup.Ampere80),
        new(GpuType.NvidiaA100Sxm4_80Gb, "NVIDIA A100-SXM4-80GB", GpuGroup.Ampere80),
        new(GpuType.NvidiaH200, "NVIDIA H200", GpuGroup.Hopper141),
        new(GpuType.NvidiaRtxPro6000BlackwellServer, "NVIDIA RTX PRO 6000 Blackwell Server Edition", GpuGroup.Blackwell96),
        new(GpuType.NvidiaRtxPro6000BlackwellWorkstation, "NVIDIA RTX PRO 6000 Blackwell Workstation Edition", GpuGroup.Blackwell96),
        new(GpuType.NvidiaRtxPro6000BlackwellMaxQWorkstation, "NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition", GpuGroup.Blackwell96),
        new(GpuType.NvidiaB200, "NVIDIA B200", GpuGroup.Blackwell180));

    /// <summary>Every pool (every group except <see cref="GpuGroup.Any"/>), in enum order.</summary>
    private static readonly ReadOnlyCollection<GpuGroup> PoolsView = BuildPools();

    private static readonly ReadOnlyCollection<GpuType> NoTypes = Array.AsReadOnly(Array.Empty<GpuType>());

    /// <summary>The members of each pool, in enum order, derived from the pool column of <see cref="TypeTable"/>.</summary>
    private static readonly Dictionary<GpuGroup, ReadOnlyCollection<GpuType>> Members = BuildMembers();

    /// <summary>Every group, <see cref="GpuGroup.Any"/> included, in enum order.</summary>
    public static IReadOnlyList<GpuGroup> AllGroups => GroupTable.Members;

    /// <summary>Every GPU type, in enum order.</summary>
    public static IReadOnlyList<GpuType> AllTypes => TypeTable.Members;

    /// <summary>Every pool, i.e. every group except <see cref="GpuGroup.Any"/>, in enum order.</summary>
    public static IReadOnlyList<GpuGroup> Pools => PoolsView;

    /// <summary>Whether <paramref name="group"/> is a member of <see cref="GpuGroup"/> (a cast int or an unset value is not).</summary>
    /// <param name="group">The group to check.</param>
    /// <returns><see langword="true"/> for a defined group, <see cref="GpuGroup.Any"/> included.</returns>
    public static bool IsDefined(GpuGroup group) => GroupTable.IsDefined(group);

    /// <summary>Whether <paramref name="type"/> is a member of <see cref="GpuType"/> (a cast int or an unset value is not).</summary>
    /// <param name="type">The GPU type to check.</param>
    /// <returns><see langword="true"/> for a defined GPU type.</returns>
    public static bool IsDefined(GpuType type) => TypeTable.IsDefined(type);

    /// <summary>The API id of a group, e.g. <c>AMPERE_80</c>; <see cref="GpuGroup.Any"/> is <c>any</c>.</summary>
    /// <param name="group">A defined group.</param>
    /// <returns>The exact API id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="group"/> is not a defined <see cref="GpuGroup"/>.</exception>
    public static string GroupId(GpuGroup group) => GroupTable.Row(group, nameof(group)).Id;

    /// <summary>The API id of a GPU type, e.g. <c>NVIDIA A100 80GB PCIe</c>.</summary>
    /// <param name="type">A defined GPU type.</param>
    /// <returns>The exact API id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined <see cref="GpuType"/>.</exception>
    public static string TypeId(GpuType type) => TypeTable.Row(type, nameof(type)).Id;

    /// <summary>Reads a group written exactly as its API id, e.g. <c>AMPERE_80</c> or <c>any</c> (not <c>ANY</c>).</summary>
    /// <param name="id">The id to read; <see langword="null"/> is not a group.</param>
    /// <param name="group">The group read, or <see langword="default"/> (which is not a defined group) when the id is not one.</param>
    /// <returns><see langword="true"/> when <paramref name="id"/> is the API id of a group.</returns>
    public static bool TryParseGroupId(string? id, out GpuGroup group) => GroupTable.TryParseId(id, out group);

    /// <summary>Reads a GPU type written exactly as its API id, e.g. <c>NVIDIA A100 80GB PCIe</c>.</summary>
    /// <param name="id">The id to read; <see langword="null"/> is not a GPU type.</param>
    /// <param name="type">The GPU type read, or <see langword="default"/> (which is not a defined GPU type) when the id is not one.</param>
    /// <returns><see langword="true"/> when <paramref name="id"/> is the API id of a GPU type.</returns>
    public static bool TryParseTypeId(string? id, out GpuType type) => TypeTable.TryParseId(id, out type);

    /// <summary>The pool (group) that contains a GPU type, e.g. <see cref="GpuGroup.Ampere24"/> for the L4.</summary>
    /// <param name="type">A defined GPU type.</param>
    /// <returns>The pool; never <see cref="GpuGroup.Any"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined <see cref="GpuType"/>.</exception>
    public static GpuGroup PoolOf(GpuType type) => TypeTable.Row(type, nameof(type)).Pool;

    /// <summary>The GPU types of a pool, in enum order; empty for <see cref="GpuGroup.Any"/>.</summary>
    /// <param name="pool">A defined group.</param>
    /// <returns>The pool's members.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pool"/> is not a defined <see cref="GpuGroup"/>.</exception>
    public static IReadOnlyList<GpuType> TypesIn(GpuGroup pool)
    {
        _ = GroupTable.Row(pool, nameof(pool)); // rejects an undefined group; Any is defined but no pool
        return Members.TryGetValue(pool, out var members) ? members : NoTypes;
    }

    /// <summary>
    /// The <c>gpuIds</c> value of the API for a mixed selection of groups and types:
    /// <list type="number">
    /// <item><description>each group contributes its id, each type its pool's id; <see cref="GpuGroup.Any"/> anywhere stands for every pool;</description></item>
    /// <item><description>for a pool reached only through explicit types (not also requested as a group), <c>-&lt;type id&gt;</c> is added
    /// for every other member of that pool, so only the chosen types are rented;</description></item>
    /// <item><description>duplicates and blanks are dropped; ids are sorted with negations last, then case-insensitively
    /// (ordinal) ignoring a leading <c>-</c>; the result is joined with <c>,</c>.</description></item>
    /// </list>
    /// For example <c>[L4]</c> gives <c>AMPERE_24,-NVIDIA GeForce RTX 3090,-NVIDIA RTX A5000</c>.
    /// </summary>
    /// <param name="groups">Defined groups (may be empty).</param>
    /// <param name="types">Defined GPU types (may be empty).</param>
    /// <returns>The comma-joined ids; empty when both sequences are empty.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="groups"/> or <paramref name="types"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An element is not a defined <see cref="GpuGroup"/> or <see cref="GpuType"/>.</exception>
    public static string ComputeGpuIds(IEnumerable<GpuGroup> groups, IEnumerable<GpuType> types)
    {
        if (groups is null)
        {
            throw new ArgumentNullException(nameof(groups));
        }

        if (types is null)
        {
            throw new ArgumentNullException(nameof(types));
        }

        var requestedPools = new HashSet<GpuGroup>();
        var any = false;
        foreach (var group in groups)
        {
            if (!IsDefined(group))
            {
                throw new ArgumentOutOfRangeException(nameof(groups), group,
                    $"The GPU list contains {(int)group}, which is not a defined GpuGroup; check GpuCatalog.IsDefined first.");
            }

            if (group == GpuGroup.Any)
            {
                any = true;
            }
            else
            {
                requestedPools.Add(group);
            }
        }

        if (any)
        {
            requestedPools.UnionWith(PoolsView);
        }

        // Pools reached through explicit types, with the types chosen in each (insertion order is irrelevant: the result is sorted).
        var chosenByPool = new Dictionary<GpuGroup, HashSet<GpuType>>();
        foreach (var type in types)
        {
            if (!IsDefined(type))
            {
                throw new ArgumentOutOfRangeException(nameof(types), type,
                    $"The GPU list contains {(int)type}, which is not a defined GpuType; check GpuCatalog.IsDefined first.");
            }

            var pool = PoolOf(type);
            if (!chosenByPool.TryGetValue(pool, out var chosen))
            {
                chosen = new HashSet<GpuType>();
                chosenByPool.Add(pool, chosen);
            }

            chosen.Add(type);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pool in requestedPools)
        {
            ids.Add(GroupId(pool));
        }

        foreach (var entry in chosenByPool)
        {
            ids.Add(GroupId(entry.Key));
            if (requestedPools.Contains(entry.Key))
            {
                continue;
            }

            foreach (var member in TypesIn(entry.Key))
            {
                if (!entry.Value.Contains(member))
                {
                    ids.Add("-" + TypeId(member));
                }
            }
        }

        var sorted = new List<string>();
        foreach (var id in ids)
        {
            if (!string.IsNullOrWhiteSpace(id))
            {
                sorted.Add(id);
            }
        }

        sorted.Sort(CompareGpuIds);
        return string.Join(",", sorted);
    }

    /// <summary>Negations last, then case-insensitive ordinal order ignoring a leading <c>-</c>; ordinal as a final tie-break.</summary>
    private static int CompareGpuIds(string a, string b)
    {
        var aNegated = a.Length > 0 && a[0] == '-';
        var bNegated = b.Length > 0 && b[0] == '-';
        if (aNegated != bNegated)
        {
            return aNegated ? 1 : -1;
        }

        var byName = string.Compare(
            aNegated ? a.Substring(1) : a,
            bNegated ? b.Substring(1) : b,
            StringComparison.OrdinalIgnoreCase);
        return byName != 0 ? byName : string.CompareOrdinal(a, b);
    }

    private static ReadOnlyCollection<GpuGroup> BuildPools()
    {
        var pools = new List<GpuGroup>();
        foreach (var group in GroupTable.Members)
        {
            if (group != GpuGroup.Any)
            {
                pools.Add(group);
            }
        }

        return pools.AsReadOnly();
    }

    private static Dictionary<GpuGroup, ReadOnlyCollection<GpuType>> BuildMembers()
    {
        var lists = new Dictionary<GpuGroup, List<GpuType>>();
        foreach (var pool in PoolsView)
        {
            lists.Add(pool, new List<GpuType>());
        }

        foreach (var row in TypeTable.Rows)
        {
            lists[row.Pool].Add(row.Member);
        }

        var members = new Dictionary<GpuGroup, ReadOnlyCollection<GpuType>>();
        foreach (var entry in lists)
        {
            members.Add(entry.Key, entry.Value.AsReadOnly());
        }

        return members;
    }

    private sealed class TypeRow : CatalogRow<GpuType>
    {
        public TypeRow(GpuType type, string id, GpuGroup pool)
            : base(type, id)
        {
            Pool = pool;
        }

        /// <summary>The pool that contains the type; never <see cref="GpuGroup.Any"/>.</summary>
        public GpuGroup Pool { get; }
    }
}
