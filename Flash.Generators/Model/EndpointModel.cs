using Flash.Manifest;

namespace Flash.Generators.Model;

/// <summary>One declared endpoint as the parser understood it. Value-equatable; holds no Roslyn object.</summary>
/// <param name="Name">The endpoint name (manifest key).</param>
/// <param name="Kind">Function, class or load-balanced.</param>
/// <param name="IsValid">False when the parser found an error: such an endpoint gets no shim and no manifest entry.</param>
/// <param name="Type">The declaring class.</param>
/// <param name="Functions">The methods jobs or routes reach.</param>
/// <param name="Config">The deployment settings as written.</param>
internal sealed record EndpointModel(
    string Name,
    EndpointKind Kind,
    bool IsValid,
    TypeModel Type,
    EquatableArray<FunctionModel> Functions,
    EndpointConfig Config);

/// <summary>What an endpoint's shim is generated from: its code shape, none of its settings.</summary>
/// <param name="Name">The endpoint name.</param>
/// <param name="Kind">Function, class or load-balanced.</param>
/// <param name="Type">The declaring class.</param>
/// <param name="Functions">The methods jobs or routes reach.</param>
internal sealed record ShimModel(string Name, EndpointKind Kind, TypeModel Type, EquatableArray<FunctionModel> Functions)
{
    /// <summary>
    /// The shim class: readable from the declaring type (and method), and unique
    /// through a hash of the declaration's identity (the type's qualified name, the method and its parameter types), so
    /// names that read alike (<c>A_B.C</c> and <c>A.B_C</c>, overloads) never meet. It never depends on other
    /// endpoints. Only declarations of one symbol twice (a pasted duplicate, a compiler error) share a name;
    /// <see cref="Duplicates"/> finds those, and the pipeline generates neither.
    /// </summary>
    public string ClassName => Identify(out _);

    /// <summary>
    /// Which of the <see cref="ShimFile.Count"/> shim files holds this shim: taken from the same hash of the
    /// declaration's identity, so it never depends on other endpoints.
    /// </summary>
    public int FileNumber
    {
        get
        {
            Identify(out var hash);
            return (int)(hash % ShimFile.Count);
        }
    }

    private string Identify(out ulong hash)
    {
        var builder = new System.Text.StringBuilder("Shim_");
        Naming.AppendSanitized(builder, Type.MetadataName);
        hash = Fnv.Add(Fnv.Offset, Type.MetadataName);
        if (Kind == EndpointKind.QueueFunction && Functions.Count == 1)
        {
            var function = Functions[0];
            builder.Append('_');
            Naming.AppendSanitized(builder, function.Name);
            hash = Fnv.Add(Fnv.Add(hash, "."), function.Name);
            foreach (var parameter in function.Parameters)
            {
                hash = Fnv.Add(Fnv.Add(hash, ","), parameter.Type);
            }
        }

        return builder.Append('_').Append(hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>The shim class of an endpoint.</summary>
    public static string ClassNameOf(EndpointModel endpoint) => new ShimModel(endpoint.Name, endpoint.Kind, endpoint.Type, endpoint.Functions).ClassName;

    /// <summary>The shim class names that more than one of <paramref name="classNames"/> has.</summary>
    public static EquatableArray<string> Duplicates(System.Collections.Generic.IEnumerable<string> classNames)
    {
        var seen = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);
        var duplicates = new System.Collections.Generic.SortedSet<string>(System.StringComparer.Ordinal);
        foreach (var name in classNames)
        {
            if (!seen.Add(name))
            {
                duplicates.Add(name);
            }
        }

        return new EquatableArray<string>(duplicates);
    }

    /// <summary>FNV-1a, 64 bits: stable across runs and machines, unlike string.GetHashCode.</summary>
    private static class Fnv
    {
        public const ulong Offset = 14695981039346656037UL;

        public static ulong Add(ulong hash, string text)
        {
            foreach (var c in text)
            {
                hash = unchecked((hash ^ c) * 1099511628211UL);
            }

            return hash;
        }
    }
}

/// <summary>A class that declares endpoint code.</summary>
/// <param name="FullName">Fully qualified, with <c>global::</c>.</param>
/// <param name="MetadataName">Namespace-qualified name as in metadata, e.g. <c>MyApp.Storage</c>.</param>
/// <param name="Name">The simple name.</param>
/// <param name="IsStatic">A static class.</param>
/// <param name="Constructor">
/// The parameters of the constructor generated code calls to create the one instance per worker (their values come
/// from the app's services); empty for a parameterless constructor or a static class.
/// </param>
internal sealed record TypeModel(string FullName, string MetadataName, string Name, bool IsStatic, EquatableArray<ParameterModel> Constructor);

/// <summary>How a method returns its result.</summary>
internal enum ReturnShape
{
    /// <summary><c>void</c>.</summary>
    Void,

    /// <summary>A value <c>T</c>.</summary>
    Value,

    /// <summary><c>Task</c>.</summary>
    Task,

    /// <summary><c>Task&lt;T&gt;</c>.</summary>
    TaskOfT,

    /// <summary><c>ValueTask</c>.</summary>
    ValueTask,

    /// <summary><c>ValueTask&lt;T&gt;</c>.</summary>
    ValueTaskOfT,

    /// <summary><c>IAsyncEnumerable&lt;T&gt;</c>: a stream of parts.</summary>
    AsyncEnumerable,
}

/// <summary>A method a job or a route calls.</summary>
/// <param name="Name">The method name.</param>
/// <param name="IsStatic">A static method.</param>
/// <param name="Return">How it returns.</param>
/// <param name="ResultType">The result type (the part type of a stream), fully qualified; null when there is none.</param>
/// <param name="Parameters">The parameters in order.</param>
/// <param name="HttpMethod">GET, POST…: load-balanced routes only.</param>
/// <param name="HttpPath">The route path: load-balanced routes only.</param>
/// <param name="IsPublic">
/// Public, in public types all the way out: every type of its signature is then public too (the compiler checks it),
/// so a client of it may be public.
/// </param>
internal sealed record FunctionModel(
    string Name,
    bool IsStatic,
    ReturnShape Return,
    string? ResultType,
    EquatableArray<ParameterModel> Parameters,
    string? HttpMethod,
    string? HttpPath,
    bool IsPublic)
{
    /// <summary>Whether the method is awaited.</summary>
    public bool IsAsync => Return is ReturnShape.Task or ReturnShape.TaskOfT or ReturnShape.ValueTask or ReturnShape.ValueTaskOfT;
}

/// <summary>A method parameter bound from the job input by name.</summary>
/// <param name="Name">The parameter name (the input key).</param>
/// <param name="Type">Fully qualified type.</param>
/// <param name="IsCancellationToken">Receives the job's cancellation token instead of input.</param>
/// <param name="IsOptional">Has a default value or accepts null, so a missing key is not an error.</param>
/// <param name="DefaultValue">The C# literal of the default value, or null.</param>
/// <param name="AcceptsNull">
/// Takes a JSON null: a nullable type, or a reference type in code without nullable annotations (oblivious).
/// </param>
internal sealed record ParameterModel(
    string Name,
    string Type,
    bool IsCancellationToken,
    bool IsOptional,
    string? DefaultValue,
    bool AcceptsNull = true);

/// <summary>An environment variable of the workers.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="Value">Its value.</param>
internal sealed record EnvVar(string Name, string Value);

/// <summary>
/// The endpoint settings. A null or empty value means "not written": the manifest then takes the platform default.
/// </summary>
internal sealed record EndpointConfig(
    EquatableArray<GpuGroup> GpuGroups,
    EquatableArray<GpuType> GpuTypes,
    EquatableArray<CpuInstanceType> Cpus,
    int? WorkersMin,
    int? WorkersMax,
    int? IdleTimeoutSeconds,
    int? ExecutionTimeoutMs,
    int? GpuCount,
    bool? FlashBoot,
    ScalerType? ScalerType,
    int? ScalerValue,
    CudaVersion? MinCudaVersion,
    int? MaxConcurrency,
    EquatableArray<EnvVar> Env,
    string? Image,
    int? ContainerDiskInGb,
    string? DockerArgs,
    string? StartScript,
    string? ContainerRegistryAuthId,
    EquatableArray<string> Volumes,
    EquatableArray<DataCenter> DataCenters)
{
    /// <summary>A CPU endpoint: instance types were given.</summary>
    public bool IsCpu => !Cpus.IsEmpty;
}

/// <summary>A network volume declared on the assembly.</summary>
/// <param name="Name">The name, or null for a volume given by id.</param>
/// <param name="Id">The id of an existing volume, or null.</param>
/// <param name="SizeGb">Size in GB (the default when not written).</param>
/// <param name="DataCenter">Its datacenter; null when unknown (an id without a datacenter).</param>
/// <param name="IsValid">False when the parser found an error.</param>
internal sealed record VolumeModel(string? Name, string? Id, int SizeGb, DataCenter? DataCenter, bool IsValid)
{
    /// <summary>The name endpoints use to refer to it: its name, else its id.</summary>
    public string Key => Name ?? Id ?? string.Empty;
}
