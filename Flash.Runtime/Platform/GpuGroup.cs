namespace Flash;

/// <summary>
/// A RunPod GPU pool. Selecting a group rents any GPU of that pool; <see cref="Any"/> stands for every pool.
/// No member is 0, so a value that was never set is never mistaken for a real pool.
/// </summary>
public enum GpuGroup
{
    /// <summary>Any GPU of any pool (API id <c>any</c>; expands to every pool).</summary>
    Any = 1,
    /// <summary>ADA_24: GeForce RTX 4090.</summary>
    Ada24,
    /// <summary>ADA_32_PRO: GeForce RTX 5090.</summary>
    Ada32Pro,
    /// <summary>ADA_48_PRO: RTX 6000 Ada Generation.</summary>
    Ada48Pro,
    /// <summary>ADA_80_PRO: H100 80GB HBM3.</summary>
    Ada80Pro,
    /// <summary>AMPERE_16: RTX A4000, RTX A4500, RTX 4000 Ada, RTX 2000 Ada.</summary>
    Ampere16,
    /// <summary>AMPERE_24: RTX A5000, L4, GeForce RTX 3090.</summary>
    Ampere24,
    /// <summary>AMPERE_48: A40, RTX A6000.</summary>
    Ampere48,
    /// <summary>AMPERE_80: A100 80GB PCIe, A100-SXM4-80GB.</summary>
    Ampere80,
    /// <summary>HOPPER_141: H200.</summary>
    Hopper141,
    /// <summary>BLACKWELL_96: RTX PRO 6000 Blackwell editions.</summary>
    Blackwell96,
    /// <summary>BLACKWELL_180: B200.</summary>
    Blackwell180,
}
