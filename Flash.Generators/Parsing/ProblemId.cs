namespace Flash.Generators.Parsing;

/// <summary>
/// The rules Flash checks, one member per rule. The check lives in the parser or <see cref="AppRules"/>; the analyzers
/// map each member to exactly one diagnostic descriptor (same order, see Flash.Analyzers/Diagnostics/Descriptors.cs).
/// </summary>
internal enum ProblemId
{
    // Reading declarations
    NotConstant,
    UndefinedEnumValue,
    BothSingularAndPlural,
    EmptyList,
    InvalidEndpointName,
    DuplicateEndpointName,
    EndpointNamesDifferInCase,
    InvalidImageReference,

    // Compute and placement
    GpuAndCpu,
    CpuContainerDiskAboveLimit,
    ContainerDiskNotPositive,
    CpuEndpointOutsideCpuDataCenter,
    GpuSettingOnCpuEndpoint,
    GpuCountBelowOne,
    RepeatedDataCenter,

    // Scaling
    WorkersNegative,
    WorkersMinAboveMax,
    WorkersMaxZero,
    IdleTimeoutOutOfRange,
    MaxConcurrencyBelowOne,
    MaxConcurrencyOnLoadBalanced,
    QueueDelayOnLoadBalanced,
    ScalerValueBelowOne,
    ExecutionTimeoutNegative,

    // Network volumes
    VolumesShareDataCenter,
    VolumeSizeOutOfRange,
    VolumeOutsideEndpointDataCenters,
    VolumeUnreachableFromCpuEndpoint,
    UnknownVolume,
    DuplicateVolume,
    VolumeWithoutNameOrId,
    VolumeWithoutFlashStorage,
    VolumeDataCenterUnknown,
    VolumeAttachedTwice,
    VolumeNotAttached,
    AmbiguousVolume,

    // Routes and endpoint kinds
    RoutePathWithoutSlash,
    ReservedRoutePath,
    NearReservedRoutePath,
    DuplicateRoute,
    RouteOnQueueFunction,
    NoPublicMethods,
    EndpointInsideEndpointClass,
    SameFunctionInTwoEndpoints,
    RouteTemplateInvalid,
    RouteParameterUnbound,
    RouteConstraintContradictsType,
    RouteValueUnreadable,
    RouteConstraintOnText,

    // .NET shape
    UnsupportedMethod,
    NoParameterlessConstructor,
    UnbindableType,
    TypeNotInJsonContext,
    AbstractEndpointClass,

    // Environment
    InvalidEnvEntry,
    DuplicateEnvName,

    // The app
    EntryPointSkipsWorker,
}

/// <summary>Which rules stop an endpoint from being generated: errors do, warnings and information do not.</summary>
internal static class ProblemSeverity
{
    public static bool IsError(ProblemId id) => id switch
    {
        ProblemId.GpuSettingOnCpuEndpoint => false,
        ProblemId.RepeatedDataCenter => false,
        ProblemId.WorkersMaxZero => false,
        ProblemId.MaxConcurrencyOnLoadBalanced => false,
        ProblemId.VolumeWithoutFlashStorage => false,
        ProblemId.VolumeDataCenterUnknown => false,
        ProblemId.VolumeAttachedTwice => false,
        ProblemId.VolumeNotAttached => false,
        ProblemId.NearReservedRoutePath => false,
        ProblemId.DuplicateEnvName => false,
        ProblemId.TypeNotInJsonContext => false,
        _ => true,
    };
}
