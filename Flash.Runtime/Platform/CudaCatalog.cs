using System;

namespace Flash.Platform;

/// <summary>API ids of the CUDA versions a GPU endpoint may require (<see cref="CudaVersion"/>).</summary>
internal static class CudaCatalog
{
    /// <summary>Every CUDA version, in enum order.</summary>
    private static readonly CudaVersion[] All =
    {
        CudaVersion.Cuda11_8,
        CudaVersion.Cuda12_0,
        CudaVersion.Cuda12_1,
        CudaVersion.Cuda12_2,
        CudaVersion.Cuda12_3,
        CudaVersion.Cuda12_4,
        CudaVersion.Cuda12_5,
        CudaVersion.Cuda12_6,
        CudaVersion.Cuda12_7,
        CudaVersion.Cuda12_8,
        CudaVersion.Cuda12_9,
        CudaVersion.Cuda13_0,
    };

    /// <summary>Whether <paramref name="v"/> is a member of <see cref="CudaVersion"/> (a cast int or an unset value is not).</summary>
    /// <param name="v">The CUDA version to check.</param>
    /// <returns><see langword="true"/> for a defined CUDA version.</returns>
    public static bool IsDefined(CudaVersion v) => IdOrNull(v) is not null;

    /// <summary>The API id of a CUDA version, e.g. <c>12.8</c>.</summary>
    /// <param name="v">A defined CUDA version.</param>
    /// <returns>The exact API id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="v"/> is not a defined <see cref="CudaVersion"/>.</exception>
    public static string Id(CudaVersion v) =>
        IdOrNull(v) ?? throw new ArgumentOutOfRangeException(nameof(v), v,
            $"{(int)v} is not a defined CudaVersion; check CudaCatalog.IsDefined first.");

    /// <summary>Reads a CUDA version written as its API id (e.g. <c>"12.8"</c>), ignoring surrounding white space.</summary>
    /// <param name="text">The text to read; <see langword="null"/> or blank is not a version.</param>
    /// <param name="v">The version read, or <see langword="default"/> (which is not a defined version) when the text is not one.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> names a known CUDA version.</returns>
    public static bool TryParse(string? text, out CudaVersion v)
    {
        if (text is not null)
        {
            var trimmed = text.Trim();
            foreach (var candidate in All)
            {
                if (string.Equals(IdOrNull(candidate), trimmed, StringComparison.Ordinal))
                {
                    v = candidate;
                    return true;
                }
            }
        }

        v = default;
        return false;
    }

    private static string? IdOrNull(CudaVersion v) => v switch
    {
        CudaVersion.Cuda11_8 => "11.8",
        CudaVersion.Cuda12_0 => "12.0",
        CudaVersion.Cuda12_1 => "12.1",
        CudaVersion.Cuda12_2 => "12.2",
        CudaVersion.Cuda12_3 => "12.3",
        CudaVersion.Cuda12_4 => "12.4",
        CudaVersion.Cuda12_5 => "12.5",
        CudaVersion.Cuda12_6 => "12.6",
        CudaVersion.Cuda12_7 => "12.7",
        CudaVersion.Cuda12_8 => "12.8",
        CudaVersion.Cuda12_9 => "12.9",
        CudaVersion.Cuda13_0 => "13.0",
        _ => null,
    };
}
