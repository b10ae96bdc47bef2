namespace Flash;

/// <summary>
/// A RunPod CPU instance type, <c>cpu{generation}{kind}-{vCPU}-{RAM GB}</c>. Selecting one makes a CPU endpoint.
/// No member is 0, so a value that was never set is never mistaken for a real instance type.
/// </summary>
public enum CpuInstanceType
{
    /// <summary>cpu3g-1-4: 1 vCPU, 4 GB RAM, container disk up to 10 GB.</summary>
    Cpu3g_1_4 = 1,
    /// <summary>cpu3g-2-8: 2 vCPU, 8 GB RAM, container disk up to 20 GB.</summary>
    Cpu3g_2_8,
    /// <summary>cpu3g-4-16: 4 vCPU, 16 GB RAM, container disk up to 40 GB.</summary>
    Cpu3g_4_16,
    /// <summary>cpu3g-8-32: 8 vCPU, 32 GB RAM, container disk up to 80 GB.</summary>
    Cpu3g_8_32,
    /// <summary>cpu3c-1-2: 1 vCPU, 2 GB RAM, container disk up to 10 GB.</summary>
    Cpu3c_1_2,
    /// <summary>cpu3c-2-4: 2 vCPU, 4 GB RAM, container disk up to 20 GB.</summary>
    Cpu3c_2_4,
    /// <summary>cpu3c-4-8: 4 vCPU, 8 GB RAM, container disk up to 40 GB.</summary>
    Cpu3c_4_8,
    /// <summary>cpu3c-8-16: 8 vCPU, 16 GB RAM, container disk up to 80 GB.</summary>
    Cpu3c_8_16,
    /// <summary>cpu5c-1-2: 1 vCPU, 2 GB RAM, container disk up to 15 GB.</summary>
    Cpu5c_1_2,
    /// <summary>cpu5c-2-4: 2 vCPU, 4 GB RAM, container disk up to 30 GB.</summary>
    Cpu5c_2_4,
    /// <summary>cpu5c-4-8: 4 vCPU, 8 GB RAM, container disk up to 60 GB.</summary>
    Cpu5c_4_8,
    /// <summary>cpu5c-8-16: 8 vCPU, 16 GB RAM, container disk up to 120 GB.</summary>
    Cpu5c_8_16,
}
