using Flash.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace Flash.Analyzers.Diagnostics;

/// <summary>The one table of Flash diagnostics: each parser rule has exactly one descriptor here.</summary>
internal static class Descriptors
{
    private const string Declarations = "Flash.Declarations";
    private const string HelpRoot = "https://github.com/flash-dotnet/flash/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor NotConstant = Error(
        "FLASH001", "Argument is not a constant",
        "The {0} argument of [{1}] is not a value Flash can read at compile time; write a constant of the property's type");

    public static readonly DiagnosticDescriptor UndefinedEnumValue = Error(
        "FLASH002", "Undefined enum value",
        "{0} = {1} is not a member of {2}; pick one of the {2} members instead of casting a number");

    public static readonly DiagnosticDescriptor BothSingularAndPlural = Error(
        "FLASH003", "Singular and plural setting both set",
        "Endpoint '{0}' sets both {1} and {2}; set only {2} with every value");

    public static readonly DiagnosticDescriptor EmptyList = Error(
        "FLASH004", "Empty list",
        "Endpoint '{0}' sets {1} to an empty list, which means neither 'all' nor 'none'; list at least one value or remove {1}");

    public static readonly DiagnosticDescriptor InvalidEndpointName = Error(
        "FLASH005", "Invalid endpoint name",
        "Endpoint name '{0}' is empty or contains spaces or control characters; use a name such as 'image-resize'");

    public static readonly DiagnosticDescriptor GpuAndCpu = Error(
        "FLASH006", "GPU and CPU both set",
        "Endpoint '{0}' sets both GPU and CPU instance types; an endpoint runs on GPUs or on CPUs, so keep one of them");

    public static readonly DiagnosticDescriptor InvalidEnvEntry = Error(
        "FLASH007", "Invalid environment entry",
        "Endpoint '{0}' has the environment entry '{1}', which is not NAME=value; write it as e.g. \"HF_HOME=/runpod-volume/hf\"");

    public static readonly DiagnosticDescriptor UnsupportedMethod = Error(
        "FLASH008", "Method cannot be a worker entry",
        "'{0}' cannot be an endpoint entry because {1}");

    public static readonly DiagnosticDescriptor NoParameterlessConstructor = Error(
        "FLASH009", "Endpoint class cannot be created",
        "Endpoint '{0}' needs an instance of '{1}', which has no public or internal parameterless constructor; add one or make the methods static");

    public static readonly DiagnosticDescriptor NoPublicMethods = Error(
        "FLASH010", "Class endpoint without public methods",
        "Endpoint '{0}' is the class '{1}', which has no public methods for jobs to call; add one");

    public static readonly DiagnosticDescriptor RouteOnQueueFunction = Error(
        "FLASH011", "Route on a queue-based endpoint",
        "'{0}' is a queue-based endpoint and also has an HTTP route; put routes on the methods of a load-balanced [Endpoint] class");

    public static readonly DiagnosticDescriptor VolumeWithoutNameOrId = Error(
        "FLASH012", "Volume without name or id",
        "This network volume has neither a name nor an Id; write [assembly: NetworkVolume(\"name\")] or NetworkVolume(Id = \"…\")");

    public static readonly DiagnosticDescriptor DuplicateEndpointName = Error(
        "FLASH013", "Duplicate endpoint name",
        "The endpoint name '{0}' is declared more than once in this app; endpoint names are manifest keys and must be unique",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor UnknownVolume = Error(
        "FLASH014", "Unknown volume",
        "Endpoint '{0}' attaches volume '{1}', which no [assembly: NetworkVolume] declares; declare it or fix the name",
        WellKnownDiagnosticTags.CompilationEnd);

    public static DiagnosticDescriptor For(ProblemId id) => id switch
    {
        ProblemId.NotConstant => NotConstant,
        ProblemId.UndefinedEnumValue => UndefinedEnumValue,
        ProblemId.BothSingularAndPlural => BothSingularAndPlural,
        ProblemId.EmptyList => EmptyList,
        ProblemId.InvalidEndpointName => InvalidEndpointName,
        ProblemId.GpuAndCpu => GpuAndCpu,
        ProblemId.InvalidEnvEntry => InvalidEnvEntry,
        ProblemId.UnsupportedMethod => UnsupportedMethod,
        ProblemId.NoParameterlessConstructor => NoParameterlessConstructor,
        ProblemId.NoPublicMethods => NoPublicMethods,
        ProblemId.RouteOnQueueFunction => RouteOnQueueFunction,
        ProblemId.VolumeWithoutNameOrId => VolumeWithoutNameOrId,
        ProblemId.DuplicateEndpointName => DuplicateEndpointName,
        _ => UnknownVolume,
    };

    public static Diagnostic Create(Problem problem) =>
        Diagnostic.Create(For(problem.Id), problem.Location ?? Location.None, System.Linq.Enumerable.ToArray<object?>(problem.Arguments));

    private static DiagnosticDescriptor Error(string id, string title, string message, params string[] tags) =>
        new(id, title, message, Declarations, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + id + ".md", customTags: tags);
}
