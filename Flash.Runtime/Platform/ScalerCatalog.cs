using System;
using System.Collections.Generic;

namespace Flash.Platform;

/// <summary>API ids of the autoscaling signals (<see cref="ScalerType"/>).</summary>
internal static class ScalerCatalog
{
    private static readonly Catalog<ScalerType, CatalogRow<ScalerType>> Table = new(
        nameof(ScalerCatalog),
        new(ScalerType.QueueDelay, "QUEUE_DELAY"),
        new(ScalerType.RequestCount, "REQUEST_COUNT"));

    /// <summary>Every scaler type, in enum order.</summary>
    public static IReadOnlyList<ScalerType> All => Table.Members;

    /// <summary>Whether <paramref name="t"/> is a member of <see cref="ScalerType"/> (a cast int or an unset value is not).</summary>
    /// <param name="t">The scaler type to check.</param>
    /// <returns><see langword="true"/> for a defined scaler type.</returns>
    public static bool IsDefined(ScalerType t) => Table.IsDefined(t);

    /// <summary>The API id of a scaler type: <c>QUEUE_DELAY</c> or <c>REQUEST_COUNT</c>.</summary>
    /// <param name="t">A defined scaler type.</param>
    /// <returns>The exact API id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is not a defined <see cref="ScalerType"/>.</exception>
    public static string Id(ScalerType t) => Table.Row(t, nameof(t)).Id;

    /// <summary>Reads a scaler type written exactly as its API id, <c>QUEUE_DELAY</c> or <c>REQUEST_COUNT</c>.</summary>
    /// <param name="id">The id to read; <see langword="null"/> is not a scaler type.</param>
    /// <param name="t">The scaler type read, or <see langword="default"/> (which is not a defined scaler type) when the id is not one.</param>
    /// <returns><see langword="true"/> when <paramref name="id"/> is the API id of a scaler type.</returns>
    public static bool TryParseId(string? id, out ScalerType t) => Table.TryParseId(id, out t);
}
