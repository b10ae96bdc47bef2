using System;

namespace Flash.Platform;

/// <summary>API ids of the autoscaling signals (<see cref="ScalerType"/>).</summary>
internal static class ScalerCatalog
{
    /// <summary>Whether <paramref name="t"/> is a member of <see cref="ScalerType"/> (a cast int or an unset value is not).</summary>
    /// <param name="t">The scaler type to check.</param>
    /// <returns><see langword="true"/> for a defined scaler type.</returns>
    public static bool IsDefined(ScalerType t) => IdOrNull(t) is not null;

    /// <summary>The API id of a scaler type: <c>QUEUE_DELAY</c> or <c>REQUEST_COUNT</c>.</summary>
    /// <param name="t">A defined scaler type.</param>
    /// <returns>The exact API id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is not a defined <see cref="ScalerType"/>.</exception>
    public static string Id(ScalerType t) =>
        IdOrNull(t) ?? throw new ArgumentOutOfRangeException(nameof(t), t,
            $"{(int)t} is not a defined ScalerType (expected QueueDelay or RequestCount); check ScalerCatalog.IsDefined first.");

    private static string? IdOrNull(ScalerType t) => t switch
    {
        ScalerType.QueueDelay => "QUEUE_DELAY",
        ScalerType.RequestCount => "REQUEST_COUNT",
        _ => null,
    };
}
