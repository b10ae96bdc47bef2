namespace Flash.Generators.Parsing;

/// <summary>
/// The rules the parser checks. Each maps to one diagnostic descriptor in the analyzers; the check itself lives here only.
/// </summary>
internal enum ProblemId
{
    /// <summary>An argument's value is not a compile-time constant the parser can read. Args: argument, attribute.</summary>
    NotConstant,

    /// <summary>An enum value that no member names (e.g. cast from an int). Args: argument, value, enum type.</summary>
    UndefinedEnumValue,

    /// <summary>The singular and plural form of one setting are both set. Args: endpoint, singular, plural.</summary>
    BothSingularAndPlural,

    /// <summary>A list setting is empty. Args: endpoint, argument.</summary>
    EmptyList,

    /// <summary>The endpoint name is empty or not usable. Args: name.</summary>
    InvalidEndpointName,

    /// <summary>GPU and CPU settings on one endpoint. Args: endpoint.</summary>
    GpuAndCpu,

    /// <summary>An environment entry is not NAME=value. Args: endpoint, entry.</summary>
    InvalidEnvEntry,

    /// <summary>A method that generated code cannot call as a worker entry. Args: method, reason.</summary>
    UnsupportedMethod,

    /// <summary>A class endpoint whose instances generated code cannot create. Args: endpoint, class.</summary>
    NoParameterlessConstructor,

    /// <summary>A class endpoint without public methods. Args: endpoint, class.</summary>
    NoPublicMethods,

    /// <summary>A route attribute on a method that is itself a queue-based endpoint. Args: method.</summary>
    RouteOnQueueFunction,

    /// <summary>A volume declared with neither name nor id.</summary>
    VolumeWithoutNameOrId,

    /// <summary>The same endpoint name twice in the app. Args: name.</summary>
    DuplicateEndpointName,

    /// <summary>An endpoint refers to a volume declared nowhere. Args: endpoint, volume.</summary>
    UnknownVolume,
}
