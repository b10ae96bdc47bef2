using System;
using System.Collections.Generic;

namespace Flash.Manifest.Rules;

/// <summary>
/// The one table of Flash's rules: each <see cref="ProblemId"/> member has exactly one row, with its ID, severity,
/// category, title and message side by side. The analyzers make their diagnostic descriptors from it, and the generator
/// reads from it which problems stop generation.
/// IDs are grouped: 0xx reading declarations, 1xx compute and placement, 2xx scaling, 3xx network volumes, 4xx routes
/// and endpoint kinds, 5xx .NET shape, 6xx environment, 7xx the app as a program, 8xx endpoint client interfaces. Each ID has a page in
/// docs/diagnostics (<see cref="HelpPages"/>), a row in its README and one in Flash.Analyzers/AnalyzerReleases.*.md.
/// </summary>
/// <remarks>
/// Roslyn-free and linked as source (the generator and the analyzers, both netstandard2.0, link it), so that any other
/// tool that reports a broken rule, such as one checking a manifest, links it too and says what the build says.
/// Flash.Runtime itself leaves it out.
/// </remarks>
internal static class RuleTable
{
    private const string Declarations = "Flash.Declarations";
    private const string Compute = "Flash.Compute";
    private const string Scaling = "Flash.Scaling";
    private const string Volumes = "Flash.Volumes";
    private const string Routes = "Flash.Routes";
    private const string Shape = "Flash.Shape";
    private const string Environment = "Flash.Environment";
    private const string App = "Flash.App";
    private const string Clients = "Flash.Clients";

    private static readonly Rule[] Rows =
    {
        // Reading declarations
        Error(ProblemId.NotConstant, "FLASH001", Declarations,
            "Argument is not a constant",
            "The {0} argument of [{1}] is not a value Flash can read at compile time; write a constant of the property's type"),

        Error(ProblemId.UndefinedEnumValue, "FLASH002", Declarations,
            "Undefined enum value",
            "{0} = {1} is not a member of {2}; pick one of the {2} members instead of casting a number"),

        Error(ProblemId.BothSingularAndPlural, "FLASH003", Declarations,
            "Singular and plural setting both set",
            "Endpoint '{0}' sets both {1} and {2}; set only {2} with every value"),

        Error(ProblemId.EmptyList, "FLASH004", Declarations,
            "Empty list",
            "Endpoint '{0}' sets {1} to an empty list, which means neither 'all' nor 'none'; list at least one value or remove {1}"),

        Error(ProblemId.InvalidEndpointName, "FLASH005", Declarations,
            "Invalid endpoint name",
            "Endpoint name '{0}' is not valid: {1}; {2}, such as 'image-resize'"),

        Error(ProblemId.DuplicateEndpointName, "FLASH006", Declarations,
            "Duplicate endpoint name",
            "The endpoint name '{0}' is declared more than once in this app; endpoint names are manifest keys and must be unique",
            appWide: true),

        Error(ProblemId.EndpointNamesDifferInCase, "FLASH007", Declarations,
            "Endpoint names that differ only in case",
            "The endpoint name '{0}' differs only in case from '{1}' in this app; endpoint names must differ in more than case, so rename one of them",
            appWide: true),

        Error(ProblemId.InvalidImageReference, "FLASH008", Declarations,
            "Invalid container image reference",
            "Endpoint '{0}' sets Image to '{1}', which is not a container image reference: {2}; {3}"),

        // Compute and placement
        Error(ProblemId.GpuAndCpu, "FLASH101", Compute,
            "GPU and CPU both set",
            "Endpoint '{0}' sets both GPU and CPU instance types; an endpoint runs on GPUs or on CPUs, so keep one of them"),

        Error(ProblemId.CpuContainerDiskAboveLimit, "FLASH102", Compute,
            "CPU container disk above the instance limit",
            "Endpoint '{0}' asks for a {1} GB container disk, but CPU instance {2} allows at most {3} GB ({4} GB per vCPU); set ContainerDiskInGb to {3} or less, or choose a larger instance"),

        Error(ProblemId.ContainerDiskNotPositive, "FLASH103", Compute,
            "Container disk not positive",
            "Endpoint '{0}' sets ContainerDiskInGb to {1}; a container disk needs at least 1 GB, or leave ContainerDiskInGb out for the default"),

        Error(ProblemId.CpuEndpointOutsideCpuDataCenter, "FLASH104", Compute,
            "CPU endpoint in a datacenter without CPU workers",
            "CPU endpoint '{0}' lists datacenter {1}, but CPU workers run only in EU-RO-1; remove {1}"),

        Warning(ProblemId.GpuSettingOnCpuEndpoint, "FLASH105", Compute,
            "GPU setting on a CPU endpoint",
            "CPU endpoint '{0}' sets {1}, which applies to GPU endpoints only and is ignored; remove it"),

        Error(ProblemId.GpuCountBelowOne, "FLASH106", Compute,
            "GPU count below 1",
            "Endpoint '{0}' sets GpuCount to {1}; a GPU worker has at least 1 GPU"),

        Warning(ProblemId.RepeatedDataCenter, "FLASH107", Compute,
            "Datacenter listed twice",
            "Endpoint '{0}' lists datacenter {1} more than once; remove the repetition"),

        // Scaling
        Error(ProblemId.WorkersNegative, "FLASH201", Scaling,
            "Negative worker count",
            "Endpoint '{0}' sets {1} to {2}; worker counts cannot be negative"),

        Error(ProblemId.WorkersMinAboveMax, "FLASH202", Scaling,
            "Minimum workers above maximum",
            "Endpoint '{0}' keeps at least {1} workers but at most {2}; make WorkersMin no larger than WorkersMax"),

        Warning(ProblemId.WorkersMaxZero, "FLASH203", Scaling,
            "Endpoint can never run a job",
            "Endpoint '{0}' allows at most 0 workers, so it can never run a job; set WorkersMax to 1 or more"),

        Error(ProblemId.IdleTimeoutOutOfRange, "FLASH204", Scaling,
            "Idle timeout out of range",
            "Endpoint '{0}' sets IdleTimeoutSeconds to {1}; it must be between {2} and {3} seconds"),

        Error(ProblemId.MaxConcurrencyBelowOne, "FLASH205", Scaling,
            "Max concurrency below 1",
            "Endpoint '{0}' sets MaxConcurrency to {1}; a worker runs at least 1 job at a time"),

        Warning(ProblemId.MaxConcurrencyOnLoadBalanced, "FLASH206", Scaling,
            "Max concurrency on a load-balanced endpoint",
            "Endpoint '{0}' is load-balanced, so MaxConcurrency is ignored (it applies to queue-based endpoints); remove it"),

        Error(ProblemId.QueueDelayOnLoadBalanced, "FLASH207", Scaling,
            "Queue-delay scaler on a load-balanced endpoint",
            "Endpoint '{0}' is load-balanced and has no queue, so it cannot scale by QueueDelay; use ScalerType.RequestCount or leave ScalerType out"),

        Error(ProblemId.ScalerValueBelowOne, "FLASH208", Scaling,
            "Scaler value below 1",
            "Endpoint '{0}' sets ScalerValue to {1}; the scaler threshold must be at least 1"),

        Error(ProblemId.ExecutionTimeoutNegative, "FLASH209", Scaling,
            "Negative execution timeout",
            "Endpoint '{0}' sets ExecutionTimeoutMs to {1}; use a positive number of milliseconds, or 0 for no limit"),

        // Network volumes
        Error(ProblemId.VolumesShareDataCenter, "FLASH301", Volumes,
            "Two volumes in one datacenter",
            "Endpoint '{0}' attaches volumes '{1}' and '{2}' in the same datacenter {3}; an endpoint can attach one network volume per datacenter"),

        Error(ProblemId.VolumeSizeOutOfRange, "FLASH302", Volumes,
            "Volume size out of range",
            "Network volume '{0}' is {1} GB; a network volume holds {2} to {3} GB"),

        Error(ProblemId.VolumeOutsideEndpointDataCenters, "FLASH303", Volumes,
            "Volume outside the endpoint's datacenters",
            "Endpoint '{0}' attaches volume '{1}' in {2}, but runs only in {3}; add {2} to the endpoint's datacenters or attach a volume in one of them"),

        Error(ProblemId.VolumeUnreachableFromCpuEndpoint, "FLASH304", Volumes,
            "Volume out of a CPU endpoint's reach",
            "CPU endpoint '{0}' attaches volume '{1}' in {2}, but CPU workers run only in {3}, so the volume can never be mounted; use a volume in {3}"),

        Error(ProblemId.UnknownVolume, "FLASH305", Volumes,
            "Unknown volume",
            "Endpoint '{0}' attaches volume '{1}', which no [assembly: NetworkVolume] declares; declare it or fix the name"),

        Error(ProblemId.DuplicateVolume, "FLASH306", Volumes,
            "Volume declared twice",
            "Network volume '{0}' in {1} is declared more than once; a volume is identified by its name and datacenter, so keep one declaration"),

        Error(ProblemId.VolumeWithoutNameOrId, "FLASH307", Volumes,
            "Volume without name or id",
            "This network volume has neither a name nor an Id; write [assembly: NetworkVolume(\"name\")] or NetworkVolume(Id = \"…\")"),

        Info(ProblemId.VolumeWithoutFlashStorage, "FLASH308", Volumes,
            "Volume outside Flash's storage datacenters",
            "Network volume '{0}' is in {1}, which is not among the datacenters where Flash knows network storage is offered; deployment may fail there"),

        Info(ProblemId.VolumeDataCenterUnknown, "FLASH309", Volumes,
            "Volume datacenter unknown at compile time",
            "Endpoint '{0}' attaches volume '{1}', declared by id without a datacenter, so Flash cannot check at compile time that it is the endpoint's only volume in its datacenter and inside the endpoint's datacenters; add DataCenter to its declaration"),

        Warning(ProblemId.VolumeAttachedTwice, "FLASH310", Volumes,
            "Volume attached twice",
            "Endpoint '{0}' attaches volume '{1}' more than once; remove the repetition"),

        Info(ProblemId.VolumeNotAttached, "FLASH311", Volumes,
            "Volume attached to no endpoint",
            "Network volume '{0}' is attached to no endpoint; deployment creates it but no worker mounts it",
            appWide: true),

        Error(ProblemId.AmbiguousVolume, "FLASH312", Volumes,
            "Ambiguous volume name",
            "Endpoint '{0}' attaches volume '{1}', but that name belongs to volumes in {2}; give the volumes distinct names so each reference means one volume"),

        // Routes and endpoint kinds
        Error(ProblemId.RoutePathWithoutSlash, "FLASH401", Routes,
            "Route path does not start with '/'",
            "Endpoint '{0}' routes {1} '{2}', which does not start with '/'; write '/{2}'"),

        Error(ProblemId.ReservedRoutePath, "FLASH402", Routes,
            "Reserved route path",
            "Endpoint '{0}' routes {1} {2}, a path the platform reserves for its own use; choose another path"),

        Warning(ProblemId.NearReservedRoutePath, "FLASH403", Routes,
            "Route path close to a reserved path",
            "Endpoint '{0}' routes {1} {2}, which is nearly the reserved path {3}; clients may confuse them, so choose a clearly different path"),

        Error(ProblemId.DuplicateRoute, "FLASH404", Routes,
            "Route declared twice",
            "Endpoint '{0}' routes {1} {2} on '{3}', which matches the same requests as {1} {4} on '{5}'; route each HTTP method and path once (paths that differ only in parameter names, letter case or a trailing '/' are one path)"),

        Error(ProblemId.RouteOnQueueFunction, "FLASH405", Routes,
            "Route on a queue-based endpoint",
            "'{0}' is a queue-based endpoint and also has an HTTP route; put routes on the methods of a load-balanced [Endpoint] class"),

        Error(ProblemId.NoPublicMethods, "FLASH406", Routes,
            "Class endpoint without public methods",
            "Endpoint '{0}' is the class '{1}', which has no public methods for jobs to call; add one"),

        Error(ProblemId.EndpointInsideEndpointClass, "FLASH407", Routes,
            "Endpoint method inside an endpoint class",
            "'{0}' is an endpoint of its own inside '{1}', which is already an endpoint; queue-based methods and class endpoints do not mix, so remove one of the two [Endpoint] attributes"),

        Error(ProblemId.SameFunctionInTwoEndpoints, "FLASH408", Routes,
            "One method name, two endpoints",
            "Endpoint '{0}' runs '{1}', which endpoint '{2}' also runs; a method name belongs to one endpoint, so rename one of the overloads",
            appWide: true),

        Error(ProblemId.RouteTemplateInvalid, "FLASH409", Routes,
            "Invalid route template",
            "Endpoint '{0}' routes {1} '{2}', which the worker's routing rejects: {3}; correct the path, or the worker cannot serve its routes"),

        Error(ProblemId.RouteParameterUnbound, "FLASH410", Routes,
            "Route parameter without a method parameter",
            "Endpoint '{0}' routes {1} '{2}' to '{3}', which has no parameter named '{4}', so the route value never reaches it; {5}"),

        Error(ProblemId.RouteConstraintContradictsType, "FLASH411", Routes,
            "Route constraint contradicts the parameter type",
            "Endpoint '{0}' routes {1} '{2}', whose constraint '{3}' lets only {4} through, which the parameter '{5}' of type '{6}' cannot hold; change the constraint or the parameter's type"),

        Error(ProblemId.RouteValueUnreadable, "FLASH412", Routes,
            "Route parameter of a type no route value can become",
            "Endpoint '{0}' routes {1} '{2}', whose parameter '{3}' has type '{4}', which System.Text.Json never reads from text, and a route value is text; take '{3}' as a string and convert it, or send it in the JSON body instead of the path"),

        Error(ProblemId.RouteConstraintOnText, "FLASH413", Routes,
            "Typed route constraint on a string parameter",
            "Endpoint '{0}' routes {1} '{2}', whose constraint '{3}' admits only {5} for '{4}', but the method takes '{4}' as '{6}'; declare it as {7}, or remove the constraint to take any text"),

        // .NET shape
        Error(ProblemId.UnsupportedMethod, "FLASH501", Shape,
            "Method cannot be a worker entry",
            "'{0}' cannot be an endpoint entry because {1}"),

        Error(ProblemId.NoParameterlessConstructor, "FLASH502", Shape,
            "Endpoint class cannot be created",
            "Endpoint '{0}' needs an instance of '{1}', but Flash cannot tell which constructor creates it; give it one public or internal constructor, or one with more parameters than the others (its parameters come from the app's services), or make the methods static"),

        Error(ProblemId.UnbindableType, "FLASH503", Shape,
            "Type JSON cannot carry",
            "The {1} of '{0}' has type '{2}', which a job cannot carry as JSON: {3}"),

        Warning(ProblemId.TypeNotInJsonContext, "FLASH504", Shape,
            "Type missing from the app's JSON contexts under Native AOT",
            "Endpoint '{0}' is built for Native AOT, but the {1} of '{2}' has type '{3}', which no JsonSerializerContext of the app lists; add [JsonSerializable(typeof({3}))] to one, or the worker cannot read or write it"),

        Error(ProblemId.AbstractEndpointClass, "FLASH505", Shape,
            "Endpoint class is abstract",
            "Endpoint '{0}' needs an instance of '{1}', which is abstract and cannot be created; remove 'abstract', put [Endpoint] on a concrete class that derives from it, or make the methods static"),

        // Environment
        Error(ProblemId.InvalidEnvEntry, "FLASH601", Environment,
            "Invalid environment entry",
            "Endpoint '{0}' has the environment entry '{1}', which is not NAME=value; write it as e.g. \"HF_HOME=/runpod-volume/hf\""),

        Warning(ProblemId.DuplicateEnvName, "FLASH602", Environment,
            "Environment variable set twice",
            "Endpoint '{0}' sets the environment variable {1} more than once; the last value wins, so remove the others"),

        Error(ProblemId.ReservedEnvName, "FLASH603", Environment,
            "Environment variable reserved by Flash",
            "Endpoint '{0}' sets {1} in Env, but flash deploy sets {1} on every worker itself (it names the endpoint, app or environment the worker serves); remove it from Env"),

        // The app
        Error(ProblemId.EntryPointSkipsWorker, "FLASH701", App,
            "Entry point never runs the Flash worker",
            "This app declares endpoints, but its entry point ({0}) never calls FlashWorker.RunAsync, so no endpoint ever runs: --test-input, serve and a deployed worker end without running a job; delete the entry point so Flash generates Main, or end it with 'return await Flash.Workers.FlashWorker.RunAsync({1}.FlashManifest.Registry, args);'",
            appWide: true),

        // Endpoint clients
        Error(ProblemId.ClientEndpointUnnamed, "FLASH801", Clients,
            "Endpoint client names no single endpoint",
            "Endpoint client '{0}' {1}; write either the endpoint's name, [EndpointClient(\"name\")], or its id, [EndpointClient(Id = \"id\")]"),

        Error(ProblemId.UnsupportedClientMember, "FLASH802", Clients,
            "Endpoint client member cannot call the endpoint",
            "'{0}' of endpoint client '{1}' cannot call the endpoint: {2}"),

        Error(ProblemId.ClientMixesKinds, "FLASH803", Clients,
            "Endpoint client mixes routes and queue calls",
            "'{0}' of endpoint client '{1}' calls a route, but '{2}' calls the endpoint's queue; an endpoint is either queue-based or load-balanced, so declare the routes and the queue calls on two interfaces"),

        Error(ProblemId.ClientRouteInvalid, "FLASH804", Clients,
            "Endpoint client route path does not parse",
            "Route {0} {1} of '{2}' is not a path the endpoint's routing accepts: {3}; write the path as the endpoint declares it"),

        Error(ProblemId.ClientRouteParameterUnbound, "FLASH805", Clients,
            "Endpoint client route parameter has no method parameter",
            "Route {0} {1} of '{2}' has the path parameter '{3}', which no parameter of '{2}' fills; add a parameter named '{3}' or rename the path parameter after one of the method's parameters"),

        Error(ProblemId.ClientRouteNotSingleResponse, "FLASH806", Clients,
            "Endpoint client route returns a stream or a job",
            "Route {0} {1} of '{2}' returns {3}, but a route answers once, with its response; return Task<T>, ValueTask<T> or Task, and call streams and jobs through the endpoint's queue"),
    };

    private static readonly Dictionary<ProblemId, Rule> ByProblem = BuildIndex();

    /// <summary>Every rule, in ID order.</summary>
    public static IReadOnlyList<Rule> All => Rows;

    /// <summary>The row of <paramref name="problem"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="problem"/> has no row.</exception>
    public static Rule For(ProblemId problem) =>
        ByProblem.TryGetValue(problem, out var rule)
            ? rule
            : throw new ArgumentOutOfRangeException(nameof(problem), problem, $"{problem} has no row in the rule table.");

    private static Dictionary<ProblemId, Rule> BuildIndex()
    {
        var index = new Dictionary<ProblemId, Rule>();
        foreach (var rule in Rows)
        {
            index.Add(rule.Problem, rule);
        }

        return index;
    }

    private static Rule Error(ProblemId problem, string id, string category, string title, string messageFormat, bool appWide = false) =>
        new(problem, id, RuleSeverity.Error, category, title, messageFormat, appWide);

    private static Rule Warning(ProblemId problem, string id, string category, string title, string messageFormat, bool appWide = false) =>
        new(problem, id, RuleSeverity.Warning, category, title, messageFormat, appWide);

    private static Rule Info(ProblemId problem, string id, string category, string title, string messageFormat, bool appWide = false) =>
        new(problem, id, RuleSeverity.Info, category, title, messageFormat, appWide);
}
