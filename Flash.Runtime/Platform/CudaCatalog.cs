using System;
using System.Collections.Generic;

namespace Flash.Platform;

/// <summary>API ids of the CUDA versions a GPU endpoint may require (<see cref="CudaVersion"/>).</summary>
internal static class CudaCatalog
{
    private static readonly Catalog<CudaVersion, CatalogRow<CudaVersion>> Table = new(
        nameof(CudaCatalog),
        new(CudaVersion.Cuda11_8, "11.8"),
        new(CudaVersion.Cuda12_0, "12.0"),
        new(CudaVersion.Cuda12_1, "12.1"),
        new(CudaVersion.Cuda12_2, "12.2"),
        new(CudaVersion.Cuda12_3, "12.3"),
        new(CudaVersion.Cuda12_4, "12.4"),
        new(CudaVersion.Cuda12_5, "12.5"),
        new(CudaVersion.Cuda12_6, "12.6"),
        new(CudaVersion.Cuda12_7, "12.7"),
        new(CudaVersion.Cuda12_8, "12.8"),
        new(CudaVersion.Cuda12_9, "12.9"),
        new(CudaVersion.Cuda13_0, "13.0"));

    /// <summary>Every CUDA version, in enum order.</summary>
    public static IReadOnlyList<CudaVersion> All => Table.Members;

    /// <summary>Whether <paramref name="v"/> is a member of <see cref="CudaVersion"/> (a cast int or an unset value is not).</summary>
    /// <param name="v">The CUDA version to check.</param>
    /// <returns><see langword="true"/> for a defined CUDA version.</returns>
    public static bool IsDefined(CudaVersion v) => Table.IsDefined(v);

    /// <summary>The API id of a CUDA version, e.g. <c>12.8</c>.</summary>
    /// <param name="v">A defined CUDA version.</param>
    /// <returns>The exact API id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="v"/> is not a defined <see cref="CudaVersion"/>.</exception>
    public static string Id(CudaVersion v) => Table.Row(v, nameof(v)).Id;

    /// <summary>Reads a CUDA version written exactly as its API id (<c>12.8</c>, without surrounding white space).</summary>
    /// <param name="id">The id to read; <see langword="null"/> is not a version.</param>
    /// <param name="v">The version read, or <see langword="default"/> (which is not a defined version) when the id is not one.</param>
    /// <returns><see langword="true"/> when <paramref name="id"/> is the API id of a CUDA version.</returns>
    public static bool TryParseId(string? id, out CudaVersion v) => Table.TryParseId(id, out v);

    /// <summary>Reads a CUDA version written as its API id (e.g. <c>"12.8"</c>), ignoring surrounding white space.</summary>
    /// <param name="text">The text to read; <see langword="null"/> or blank is not a version.</param>
    /// <param name="v">The version read, or <see langword="default"/> (which is not a defined version) when the text is not one.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> names a known CUDA version.</returns>
    public static bool TryParse(string? text, out CudaVersion v) => Table.TryParseId(text?.Trim(), out v);
}
