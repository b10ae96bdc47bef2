namespace Flash.Manifest.Rules;

/// <summary>
/// The rules Flash checks, one member per rule. The check lives in the generator's parser and rules; what is said when
/// a rule is broken (ID, severity, title, message) is the member's row in <see cref="RuleTable"/>.
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
    ReservedEnvName,

    // The app
    EntryPointSkipsWorker,

    // Endpoint clients
    ClientEndpointUnnamed,
    UnsupportedClientMember,
    ClientMixesKinds,
    ClientRouteInvalid,
    ClientRouteParameterUnbound,
    ClientRouteNotSingleResponse,
}
