using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Flash.Generators.Model;
using Flash.Manifest;
using Flash.Manifest.Rules;
using Flash.Platform;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flash.Generators.Parsing;

/// <summary>
/// Turns one <c>[Endpoint]</c> declaration into an <see cref="EndpointModel"/>. The generator calls it without a
/// problem list and uses the model; the analyzers call it with one and report the problems.
/// </summary>
internal static class EndpointParser
{
    public const string EndpointAttributeName = "Flash." + nameof(EndpointAttribute);
    public const string RouteAttributeName = "Flash." + nameof(RouteAttribute);

    public static EndpointModel? Parse(ISymbol target, AttributeData attribute, List<Problem>? problems, CancellationToken cancellationToken) =>
        Parse(target, new AttributeArguments(attribute, problems), cancellationToken);

    public static EndpointModel? Parse(ISymbol target, AttributeArguments args, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        var name = args.ConstructorString(out var nameWritten) ?? (nameWritten ? null : target.Name);

        var config = ParseConfig(args, name ?? target.Name);

        TypeModel type;
        EndpointKind kind;
        EquatableArray<FunctionModel> functions;
        switch (target)
        {
            case IMethodSymbol method:
                type = TypeOf(method.ContainingType);
                kind = EndpointKind.QueueFunction;
                if (HasRoute(method))
                {
                    args.Report(ProblemId.RouteOnQueueFunction, args.Location, method.Name);
                }

                if (method.ContainingType.GetAttributes().Any(IsEndpointAttribute))
                {
                    args.Report(ProblemId.EndpointInsideEndpointClass, args.Location, method.Name, method.ContainingType.Name);
                }

                functions = new EquatableArray<FunctionModel>(new[] { ParseFunction(method, null, null, args) }.Where(f => f is not null)!);
                if (!method.IsStatic)
                {
                    CheckConstructible(method.ContainingType, name ?? target.Name, args);
                }

                break;
            case INamedTypeSymbol @class:
                type = TypeOf(@class);
                (kind, functions) = ParseClass(@class, name ?? target.Name, args, cancellationToken);
                break;
            default:
                return null;
        }

        EndpointRules.Check(new EndpointModel(name ?? target.Name, kind, true, type, functions, config), nameIsConstant: name is not null, args);
        CheckContainers(target, args);
        return new EndpointModel(name ?? string.Empty, kind, !args.HasErrors && name is not null, type, functions, config);
    }

    private static EndpointConfig ParseConfig(AttributeArguments args, string endpoint)
    {
        var gpuTypes = OneOrMany<GpuType>(args, endpoint, nameof(EndpointAttribute.Gpu), nameof(EndpointAttribute.Gpus), GpuCatalog.IsDefined);
        var gpuGroups = OneOrMany<GpuGroup>(args, endpoint, nameof(EndpointAttribute.GpuGroup), nameof(EndpointAttribute.GpuGroups), GpuCatalog.IsDefined);
        var cpus = OneOrMany<CpuInstanceType>(args, endpoint, nameof(EndpointAttribute.Cpu), nameof(EndpointAttribute.Cpus), CpuCatalog.IsDefined);
        var dataCenters = OneOrMany<DataCenter>(args, endpoint, nameof(EndpointAttribute.DataCenter), nameof(EndpointAttribute.DataCenters), DataCenterCatalog.IsDefined);
        var volumes = OneOrManyStrings(args, endpoint, nameof(EndpointAttribute.Volume), nameof(EndpointAttribute.Volumes));

        return new EndpointConfig(
            GpuGroups: gpuGroups,
            GpuTypes: gpuTypes,
            Cpus: cpus,
            WorkersMin: args.Int(nameof(EndpointAttribute.WorkersMin)),
            WorkersMax: args.Int(nameof(EndpointAttribute.WorkersMax)),
            IdleTimeoutSeconds: args.Int(nameof(EndpointAttribute.IdleTimeoutSeconds)),
            ExecutionTimeoutMs: args.Int(nameof(EndpointAttribute.ExecutionTimeoutMs)),
            GpuCount: args.Int(nameof(EndpointAttribute.GpuCount)),
            FlashBoot: args.Bool(nameof(EndpointAttribute.FlashBoot)),
            ScalerType: args.Enum<ScalerType>(nameof(EndpointAttribute.ScalerType), ScalerCatalog.IsDefined),
            ScalerValue: args.Int(nameof(EndpointAttribute.ScalerValue)),
            MinCudaVersion: args.Enum<CudaVersion>(nameof(EndpointAttribute.MinCudaVersion), CudaCatalog.IsDefined),
            MaxConcurrency: args.Int(nameof(EndpointAttribute.MaxConcurrency)),
            Env: ParseEnv(args, endpoint),
            Image: args.String(nameof(EndpointAttribute.Image)),
            ContainerDiskInGb: args.Int(nameof(EndpointAttribute.ContainerDiskInGb)),
            DockerArgs: args.String(nameof(EndpointAttribute.DockerArgs)),
            StartScript: args.String(nameof(EndpointAttribute.StartScript)),
            ContainerRegistryAuthId: args.String(nameof(EndpointAttribute.ContainerRegistryAuthId)),
            Volumes: volumes,
            DataCenters: dataCenters);
    }

    private static EquatableArray<T> OneOrMany<T>(AttributeArguments args, string endpoint, string one, string many, System.Func<T, bool> isDefined)
        where T : struct
    {
        if (args.IsWritten(one) && args.IsWritten(many))
        {
            args.Report(ProblemId.BothSingularAndPlural, args.LocationOf(many), endpoint, one, many);
        }

        if (args.IsWritten(many))
        {
            var list = args.EnumArray(many, isDefined);
            if (list is { IsEmpty: true } && !args.HasErrors)
            {
                args.Report(ProblemId.EmptyList, args.LocationOf(many), endpoint, many);
            }

            return list ?? EquatableArray<T>.Empty;
        }

        return args.Enum(one, isDefined) is { } single ? new EquatableArray<T>(new[] { single }) : EquatableArray<T>.Empty;
    }

    private static EquatableArray<string> OneOrManyStrings(AttributeArguments args, string endpoint, string one, string many)
    {
        if (args.IsWritten(one) && args.IsWritten(many))
        {
            args.Report(ProblemId.BothSingularAndPlural, args.LocationOf(many), endpoint, one, many);
        }

        if (args.IsWritten(many))
        {
            var list = args.StringArray(many);
            if (list is { IsEmpty: true })
            {
                args.Report(ProblemId.EmptyList, args.LocationOf(many), endpoint, many);
            }

            return list ?? EquatableArray<string>.Empty;
        }

        return args.String(one) is { } single ? new EquatableArray<string>(new[] { single }) : EquatableArray<string>.Empty;
    }

    private static EquatableArray<EnvVar> ParseEnv(AttributeArguments args, string endpoint)
    {
        if (args.StringArray(nameof(EndpointAttribute.Env)) is not { } entries)
        {
            return EquatableArray<EnvVar>.Empty;
        }

        var result = new List<EnvVar>(entries.Count);
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var equals = entry.IndexOf('=');
            if (equals <= 0 || entry.Substring(0, equals).Trim().Length != equals)
            {
                args.Report(ProblemId.InvalidEnvEntry, args.ElementLocation(nameof(EndpointAttribute.Env), i), endpoint, entry);
                continue;
            }

            var name = entry.Substring(0, equals);
            if (!names.Add(name))
            {
                args.Report(ProblemId.DuplicateEnvName, args.ElementLocation(nameof(EndpointAttribute.Env), i), endpoint, name);
            }

            result.Add(new EnvVar(name, entry.Substring(equals + 1)));
        }

        return new EquatableArray<EnvVar>(result);
    }

    private static (EndpointKind, EquatableArray<FunctionModel>) ParseClass(INamedTypeSymbol @class, string endpoint, AttributeArguments args, CancellationToken cancellationToken)
    {
        var methods = @class.GetMembers()
            .OfType<IMethodSymbol>()
            .Where(m => m.MethodKind == MethodKind.Ordinary && m.DeclaredAccessibility == Accessibility.Public)
            .ToList();

        var routed = methods.Where(HasRoute).ToList();
        var functions = new List<FunctionModel>();
        EndpointKind kind;
        if (routed.Count > 0)
        {
            kind = EndpointKind.LoadBalanced;
            var seen = new Dictionary<string, (string Path, string Method)>(System.StringComparer.Ordinal);
            foreach (var method in routed)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (routed.Any(other => !SymbolEqualityComparer.Default.Equals(other, method) && SameSignature(other, method)))
                {
                    // A pasted duplicate (the compiler reports it too): generated code could not tell the two apart.
                    args.Report(ProblemId.UnsupportedMethod, method.Locations.FirstOrDefault(), method.Name,
                        $"'{@class.Name}' declares another '{method.Name}' with the same parameters");
                    continue;
                }

                foreach (var route in method.GetAttributes().Where(IsRoute))
                {
                    var httpMethod = RouteHttpMethod(route);
                    var path = RouteString(route, 0);
                    var pathLocation = RouteRules.PathLocation(route);
                    if (path is null || httpMethod is null)
                    {
                        args.Report(ProblemId.NotConstant, pathLocation, "path", RouteDisplayName(route));
                        continue;
                    }

                    RouteRules.Check(endpoint, method, httpMethod, path, pathLocation, seen, args);

                    if (ParseFunction(method, httpMethod, path, args) is { } function)
                    {
                        functions.Add(function);
                    }
                }
            }
        }
        else
        {
            kind = EndpointKind.QueueClass;
            var overloaded = new HashSet<string>(methods.GroupBy(m => m.Name).Where(g => g.Count() > 1).Select(g => g.Key), System.StringComparer.Ordinal);
            foreach (var method in methods)
            {
                if (overloaded.Contains(method.Name))
                {
                    var count = methods.Count(m => m.Name == method.Name).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    args.Report(ProblemId.UnsupportedMethod, method.Locations.FirstOrDefault(), method.Name,
                        $"endpoint '{endpoint}' chooses its methods by name (\"method\" in the job input) and '{method.Name}' has {count} public overloads; give each method its own name");
                }
                else if (ParseFunction(method, null, null, args) is { } function)
                {
                    functions.Add(function);
                }
            }

            if (methods.Count == 0)
            {
                args.Report(ProblemId.NoPublicMethods, args.Location, endpoint, @class.Name);
            }
        }

        if (!@class.IsStatic && functions.Any(f => !f.IsStatic))
        {
            CheckConstructible(@class, endpoint, args);
        }

        return (kind, new EquatableArray<FunctionModel>(functions));
    }

    internal static bool SameSignature(IMethodSymbol a, IMethodSymbol b) =>
        a.Name == b.Name &&
        a.Parameters.Length == b.Parameters.Length &&
        a.Parameters.Zip(b.Parameters, (x, y) => SymbolEqualityComparer.Default.Equals(x.Type, y.Type)).All(same => same);

    private static string? RouteString(AttributeData route, int index) =>
        index >= 0 && index < route.ConstructorArguments.Length && route.ConstructorArguments[index].Kind == TypedConstantKind.Primitive
            ? route.ConstructorArguments[index].Value as string
            : null;

    private static string? RouteHttpMethod(AttributeData route) => route.AttributeClass?.Name switch
    {
        nameof(GetAttribute) => "GET",
        nameof(PostAttribute) => "POST",
        nameof(PutAttribute) => "PUT",
        nameof(DeleteAttribute) => "DELETE",
        nameof(PatchAttribute) => "PATCH",
        _ => null,
    };

    private static bool HasRoute(IMethodSymbol method) => method.GetAttributes().Any(IsRoute);

    private static string RouteDisplayName(AttributeData route)
    {
        var name = route.AttributeClass?.Name ?? "Route";
        return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }

    private static bool IsEndpointAttribute(AttributeData attribute) =>
        attribute.AttributeClass is { Name: nameof(EndpointAttribute), ContainingNamespace: { Name: "Flash", ContainingNamespace.IsGlobalNamespace: true } };

    internal static bool IsRoute(AttributeData attribute)
    {
        for (var type = attribute.AttributeClass?.BaseType; type is not null; type = type.BaseType)
        {
            if (type.Name == nameof(RouteAttribute) && type.ContainingNamespace is { Name: "Flash", ContainingNamespace.IsGlobalNamespace: true })
            {
                return true;
            }
        }

        return false;
    }

    private static FunctionModel? ParseFunction(IMethodSymbol method, string? httpMethod, string? httpPath, AttributeArguments args)
    {
        var reason = UnsupportedReason(method);
        if (reason is not null)
        {
            args.Report(ProblemId.UnsupportedMethod, method.Locations.FirstOrDefault(), method.Name, reason);
            return null;
        }

        if (!TypeRules.CheckBindable(method, args))
        {
            return null;
        }

        var (shape, result) = ReturnOf(method);
        var parameters = method.Parameters.Select(p => new ParameterModel(
            p.Name,
            p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes)),
            IsCancellationToken(p.Type),
            p.HasExplicitDefaultValue || p.NullableAnnotation == NullableAnnotation.Annotated,
            p.HasExplicitDefaultValue ? DefaultLiteral(p) : null,
            AcceptsNull(p)));
        return new FunctionModel(method.Name, method.IsStatic, shape, result, new EquatableArray<ParameterModel>(parameters), httpMethod, httpPath, IsPublic(method));
    }

    /// <summary>Whether <paramref name="method"/> can be called from any assembly: public, in public types.</summary>
    private static bool IsPublic(IMethodSymbol method)
    {
        if (method.DeclaredAccessibility != Accessibility.Public)
        {
            return false;
        }

        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a parameter takes null: <c>T?</c>, or a reference type whose nullability is unknown (code without
    /// nullable annotations keeps accepting null, as it always did).
    /// </summary>
    private static bool AcceptsNull(IParameterSymbol parameter) =>
        parameter.NullableAnnotation == NullableAnnotation.Annotated ||
        parameter.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T ||
        (parameter.NullableAnnotation == NullableAnnotation.None && !parameter.Type.IsValueType);

    private static string? UnsupportedReason(IMethodSymbol method)
    {
        if (!SyntaxFacts.IsValidIdentifier(method.Name) || method.Parameters.Any(p => !SyntaxFacts.IsValidIdentifier(p.Name)))
        {
            return "it or one of its parameters has no valid name";
        }

        if (method.IsGenericMethod)
        {
            return "it is generic";
        }

        if (method.Parameters.Any(p => p.RefKind != RefKind.None))
        {
            return "it has a ref, out or in parameter";
        }

        if (method.IsAsync && method.ReturnsVoid)
        {
            return "it is async void, so its completion and errors cannot be observed";
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return "it returns by reference";
        }

        if (method.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
        {
            return "it is not public or internal, so generated code cannot call it";
        }

        if (method.Parameters.Any(p => !TypeRules.CanBeNamed(p.Type)) || !TypeRules.CanBeNamed(method.ReturnType))
        {
            return "a parameter or return type does not resolve";
        }

        return null;
    }

    private static void CheckContainers(ISymbol target, AttributeArguments args)
    {
        // Half-typed code (`namespace ;`, `class {`) gives symbols without names; the compiler reports the syntax,
        // and the endpoint gets no generated code that would name them.
        for (var ns = target.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (!SyntaxFacts.IsValidIdentifier(ns.Name))
            {
                args.Report(ProblemId.UnsupportedMethod, args.Location, target.Name, "its namespace has no valid name");
                return;
            }
        }

        for (var type = target as INamedTypeSymbol ?? target.ContainingType; type is not null; type = type.ContainingType)
        {
            if (!SyntaxFacts.IsValidIdentifier(type.Name))
            {
                args.Report(ProblemId.UnsupportedMethod, args.Location, target.Name, "its type has no valid name");
                return;
            }

            if (type.IsGenericType)
            {
                args.Report(ProblemId.UnsupportedMethod, args.Location, target.Name, $"it is inside the generic type '{type.Name}'");
                return;
            }

            if (type.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                args.Report(ProblemId.UnsupportedMethod, args.Location, target.Name, $"its type '{type.Name}' is not public or internal, so generated code cannot reach it");
                return;
            }
        }
    }

    private static void CheckConstructible(INamedTypeSymbol type, string endpoint, AttributeArguments args)
    {
        if (type.IsAbstract)
        {
            args.Report(ProblemId.AbstractEndpointClass, args.Location, endpoint, type.Name);
        }
        else if (EndpointConstructor.Choose(type) is null)
        {
            args.Report(ProblemId.NoParameterlessConstructor, args.Location, endpoint, type.Name);
        }
    }

    private static (ReturnShape Shape, string? Result) ReturnOf(IMethodSymbol method)
    {
        if (method.ReturnsVoid)
        {
            return (ReturnShape.Void, null);
        }

        var type = method.ReturnType;
        if (type is INamedTypeSymbol named && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks")
        {
            switch (named.MetadataName)
            {
                case "Task":
                    return (ReturnShape.Task, null);
                case "ValueTask":
                    return (ReturnShape.ValueTask, null);
                case "Task`1":
                    return (ReturnShape.TaskOfT, FullName(named.TypeArguments[0]));
                case "ValueTask`1":
                    return (ReturnShape.ValueTaskOfT, FullName(named.TypeArguments[0]));
            }
        }

        if (type is INamedTypeSymbol { MetadataName: "IAsyncEnumerable`1" } stream && stream.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic")
        {
            return (ReturnShape.AsyncEnumerable, FullName(stream.TypeArguments[0]));
        }

        return (ReturnShape.Value, FullName(type));
    }

    private static TypeModel TypeOf(INamedTypeSymbol type) => new(
        FullName(type),
        type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
        type.Name,
        type.IsStatic,
        EndpointConstructor.Parameters(type));

    internal static string FullName(ITypeSymbol type) =>
        type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
            SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes));

    private static bool IsCancellationToken(ITypeSymbol type) =>
        type.Name == "CancellationToken" && type.ContainingNamespace?.ToDisplayString() == "System.Threading";

    internal static string DefaultLiteral(IParameterSymbol parameter)
    {
        var value = parameter.ExplicitDefaultValue;
        return value switch
        {
            null => "default",
            string s => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(s, quote: true),
            bool b => b ? "true" : "false",
            char c => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(c, quote: true),
            _ => $"({FullName(parameter.Type)})({Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatPrimitive(value, quoteStrings: false, useHexadecimalNumbers: false)})",
        };
    }
}
