using System;
using System.Collections.Generic;
using System.Globalization;

namespace Flash.Platform;

/// <summary>
/// API ids and sizes of RunPod CPU instance types (<see cref="CpuInstanceType"/>), and the container-disk limit
/// they impose: vCPU × 10 GB for generation 3 (cpu3g, cpu3c), vCPU × 15 GB for generation 5 (cpu5c).
/// </summary>
internal static class CpuCatalog
{
    /// <summary>Every instance type: generation, kind, vCPU and RAM; the id <c>cpu{generation}{kind}-{vCPU}-{RAM GB}</c> is derived.</summary>
    private static readonly Catalog<CpuInstanceType, Spec> Table = new(
        nameof(CpuCatalog),
        new(CpuInstanceType.Cpu3g_1_4, 3, 'g', 1, 4),
        new(CpuInstanceType.Cpu3g_2_8, 3, 'g', 2, 8),
        new(CpuInstanceType.Cpu3g_4_16, 3, 'g', 4, 16),
        new(CpuInstanceType.Cpu3g_8_32, 3, 'g', 8, 32),
        new(CpuInstanceType.Cpu3c_1_2, 3, 'c', 1, 2),
        new(CpuInstanceType.Cpu3c_2_4, 3, 'c', 2, 4),
        new(CpuInstanceType.Cpu3c_4_8, 3, 'c', 4, 8),
        new(CpuInstanceType.Cpu3c_8_16, 3, 'c', 8, 16),
        new(CpuInstanceType.Cpu5c_1_2, 5, 'c', 1, 2),
        new(CpuInstanceType.Cpu5c_2_4, 5, 'c', 2, 4),
        new(CpuInstanceType.Cpu5c_4_8, 5, 'c', 4, 8),
        new(CpuInstanceType.Cpu5c_8_16, 5, 'c', 8, 16));

    /// <summary>Every instance type, in enum order.</summary>
    public static IReadOnlyList<CpuInstanceType> All => Table.Members;

    /// <summary>Whether <paramref name="type"/> is a member of <see cref="CpuInstanceType"/> (a cast int or an unset value is not).</summary>
    /// <param name="type">The instance type to check.</param>
    /// <returns><see langword="true"/> for a defined instance type.</returns>
    public static bool IsDefined(CpuInstanceType type) => Table.IsDefined(type);

    /// <summary>The API id of an instance type, e.g. <c>cpu3g-1-4</c>.</summary>
    /// <param name="type">A defined instance type.</param>
    /// <returns>The exact API id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined <see cref="CpuInstanceType"/>.</exception>
    public static string Id(CpuInstanceType type) => Get(type).Id;

    /// <summary>Reads an instance type written exactly as its API id, e.g. <c>cpu3g-1-4</c>.</summary>
    /// <param name="id">The id to read; <see langword="null"/> is not an instance type.</param>
    /// <param name="type">The instance type read, or <see langword="default"/> (which is not a defined instance type) when the id is not one.</param>
    /// <returns><see langword="true"/> when <paramref name="id"/> is the API id of an instance type.</returns>
    public static bool TryParseId(string? id, out CpuInstanceType type) => Table.TryParseId(id, out type);

    /// <summary>The number of vCPUs of an instance type.</summary>
    /// <param name="type">A defined instance type.</param>
    /// <returns>The vCPU count (1, 2, 4 or 8).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined <see cref="CpuInstanceType"/>.</exception>
    public static int VCpu(CpuInstanceType type) => Get(type).VCpu;

    /// <summary>The RAM of an instance type, in GB.</summary>
    /// <param name="type">A defined instance type.</param>
    /// <returns>The RAM in GB.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined <see cref="CpuInstanceType"/>.</exception>
    public static int RamGb(CpuInstanceType type) => Get(type).RamGb;

    /// <summary>
    /// The largest container disk an instance type allows, in GB: vCPU × 10 for cpu3g and cpu3c, vCPU × 15 for cpu5c.
    /// </summary>
    /// <param name="type">A defined instance type.</param>
    /// <returns>The container-disk limit in GB.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined <see cref="CpuInstanceType"/>.</exception>
    public static int MaxContainerDiskGb(CpuInstanceType type)
    {
        var spec = Get(type);
        return spec.VCpu * DiskGbPerVCpu(spec.Generation);
    }

    /// <summary>
    /// The instance type whose container-disk limit applies to an endpoint with several types: the one with the
    /// smallest <see cref="MaxContainerDiskGb"/>, the first such in list order on a tie.
    /// </summary>
    /// <param name="types">A non-empty list of defined instance types.</param>
    /// <returns>The limiting instance type.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="types"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="types"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An element is not a defined <see cref="CpuInstanceType"/>.</exception>
    public static CpuInstanceType LimitingType(IReadOnlyList<CpuInstanceType> types)
    {
        if (types is null)
        {
            throw new ArgumentNullException(nameof(types));
        }

        if (types.Count == 0)
        {
            throw new ArgumentException("At least one CPU instance type is needed to find the limiting one.", nameof(types));
        }

        var best = types[0];
        var bestLimit = MaxContainerDiskGb(best);
        for (var i = 1; i < types.Count; i++)
        {
            var limit = MaxContainerDiskGb(types[i]);
            if (limit < bestLimit)
            {
                best = types[i];
                bestLimit = limit;
            }
        }

        return best;
    }

    /// <summary>The <c>instanceIds</c> value of the API: the ids of <paramref name="types"/>, de-duplicated, in the given order, joined by <c>,</c>.</summary>
    /// <param name="types">Defined instance types.</param>
    /// <returns>The comma-joined ids; empty for an empty sequence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="types"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An element is not a defined <see cref="CpuInstanceType"/>.</exception>
    public static string InstanceIds(IEnumerable<CpuInstanceType> types)
    {
        if (types is null)
        {
            throw new ArgumentNullException(nameof(types));
        }

        var seen = new HashSet<CpuInstanceType>();
        var ids = new List<string>();
        foreach (var type in types)
        {
            var id = Id(type);
            if (seen.Add(type))
            {
                ids.Add(id);
            }
        }

        return string.Join(",", ids);
    }

    /// <summary>Container disk allowed per vCPU, by instance generation.</summary>
    private static int DiskGbPerVCpu(int generation) => generation switch
    {
        3 => 10,
        5 => 15,
        _ => throw new InvalidOperationException($"No container-disk factor is known for CPU generation {generation}."),
    };

    private static Spec Get(CpuInstanceType type) => Table.Row(type, nameof(type));

    private sealed class Spec : CatalogRow<CpuInstanceType>
    {
        public Spec(CpuInstanceType type, int generation, char kind, int vCpu, int ramGb)
            : base(type, IdOf(generation, kind, vCpu, ramGb))
        {
            Generation = generation;
            VCpu = vCpu;
            RamGb = ramGb;
        }

        public int Generation { get; }

        public int VCpu { get; }

        public int RamGb { get; }

        private static string IdOf(int generation, char kind, int vCpu, int ramGb) => string.Concat(
            "cpu",
            generation.ToString(CultureInfo.InvariantCulture),
            kind.ToString(),
            "-",
            vCpu.ToString(CultureInfo.InvariantCulture),
            "-",
            ramGb.ToString(CultureInfo.InvariantCulture));
    }
}
