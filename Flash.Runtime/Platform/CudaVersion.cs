namespace Flash;

/// <summary>The lowest CUDA version a GPU endpoint's workers need. No member is 0.</summary>
public enum CudaVersion
{
    /// <summary>CUDA 11.8.</summary>
    Cuda11_8 = 1,
    /// <summary>CUDA 12.0.</summary>
    Cuda12_0,
    /// <summary>CUDA 12.1.</summary>
    Cuda12_1,
    /// <summary>CUDA 12.2.</summary>
    Cuda12_2,
    /// <summary>CUDA 12.3.</summary>
    Cuda12_3,
    /// <summary>CUDA 12.4.</summary>
    Cuda12_4,
    /// <summary>CUDA 12.5.</summary>
    Cuda12_5,
    /// <summary>CUDA 12.6.</summary>
    Cuda12_6,
    /// <summary>CUDA 12.7.</summary>
    Cuda12_7,
    /// <summary>CUDA 12.8 (the default).</summary>
    Cuda12_8,
    /// <summary>CUDA 12.9.</summary>
    Cuda12_9,
    /// <summary>CUDA 13.0.</summary>
    Cuda13_0,
}
