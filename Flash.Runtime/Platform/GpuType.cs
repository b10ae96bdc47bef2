namespace Flash;

/// <summary>
/// A specific RunPod GPU type. Selecting types rents only those types from their pool.
/// No member is 0, so a value that was never set is never mistaken for a real GPU.
/// </summary>
public enum GpuType
{
    /// <summary>NVIDIA GeForce RTX 4090 (pool ADA_24).</summary>
    NvidiaGeForceRtx4090 = 1,
    /// <summary>NVIDIA GeForce RTX 5090 (pool ADA_32_PRO).</summary>
    NvidiaGeForceRtx5090,
    /// <summary>NVIDIA RTX 6000 Ada Generation (pool ADA_48_PRO).</summary>
    NvidiaRtx6000Ada,
    /// <summary>NVIDIA H100 80GB HBM3 (pool ADA_80_PRO).</summary>
    NvidiaH100_80GbHbm3,
    /// <summary>NVIDIA RTX A4000 (pool AMPERE_16).</summary>
    NvidiaRtxA4000,
    /// <summary>NVIDIA RTX A4500 (pool AMPERE_16).</summary>
    NvidiaRtxA4500,
    /// <summary>NVIDIA RTX 4000 Ada Generation (pool AMPERE_16).</summary>
    NvidiaRtx4000Ada,
    /// <summary>NVIDIA RTX 2000 Ada Generation (pool AMPERE_16).</summary>
    NvidiaRtx2000Ada,
    /// <summary>NVIDIA RTX A5000 (pool AMPERE_24).</summary>
    NvidiaRtxA5000,
    /// <summary>NVIDIA L4 (pool AMPERE_24).</summary>
    NvidiaL4,
    /// <summary>NVIDIA GeForce RTX 3090 (pool AMPERE_24).</summary>
    NvidiaGeForceRtx3090,
    /// <summary>NVIDIA A40 (pool AMPERE_48).</summary>
    NvidiaA40,
    /// <summary>NVIDIA RTX A6000 (pool AMPERE_48).</summary>
    NvidiaRtxA6000,
    /// <summary>NVIDIA A100 80GB PCIe (pool AMPERE_80).</summary>
    NvidiaA100_80GbPcie,
    /// <summary>NVIDIA A100-SXM4-80GB (pool AMPERE_80).</summary>
    NvidiaA100Sxm4_80Gb,
    /// <summary>NVIDIA H200 (pool HOPPER_141).</summary>
    NvidiaH200,
    /// <summary>NVIDIA RTX PRO 6000 Blackwell Server Edition (pool BLACKWELL_96).</summary>
    NvidiaRtxPro6000BlackwellServer,
    /// <summary>NVIDIA RTX PRO 6000 Blackwell Workstation Edition (pool BLACKWELL_96).</summary>
    NvidiaRtxPro6000BlackwellWorkstation,
    /// <summary>NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition (pool BLACKWELL_96).</summary>
    NvidiaRtxPro6000BlackwellMaxQWorkstation,
    /// <summary>NVIDIA B200 (pool BLACKWELL_180).</summary>
    NvidiaB200,
}
