using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Flash.Generators.Model;
using Flash.Generators.Parsing.Routes;
using Flash.Manifest.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flash.Generators.Parsing;

/// <summary>
/// Turns one <c>[EndpointClient]</c> interface into a <see cref="ClientModel"/>, or null when it has an error (the
/// analyzers report it, the generator implements nothing). Like <see cref="EndpointParser"/>, the generator calls it
/// without a problem list and the analyzers with one.
/// </summary>
internal static class ClientParser
{
    public const string EndpointClientAttributeName = "Flash." + nameof(EndpointClientAttribute);

    public static ClientModel? Parse(INamedTypeSymbol type, AttributeArguments args, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (type.TypeKind != TypeKind.Interface)
        {
            return null;
        }

        var name = args.ConstructorString(out var nameWritten);
        var id = args.String(nameof(EndpointClientAttribute.Id));
        if (nameWritten == args.IsWritten(nameof(EndpointClientAttribute.Id)))
        {
            args.Report(ProblemId.ClientEndpointUnnamed, nameWritten ? args.LocationOf(nameof(EndpointClientAttribute.Id)) : args.Location, type.Name,
                nameWritten ? "gives both a name and an id" : "names no endpoint");
        }

        // The inherited interfaces' members too: the implementation implements them all.
        var members = new[] { type }.Concat(type.AllInterfaces)
            .SelectMany(t => t.GetMembers())
            .Where(m => !m.IsImplicitlyDeclared && !m.IsStatic && m.IsAbstract)
            .ToList();
        var methods = new List<ClientMethod>();
        string? queueMethod = null;
        foreach (var member in members)
        {
            if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
            {
                if (member is not IMethodSymbol { AssociatedSymbol: not null })
                {
                    args.Report(ProblemId.UnsupportedClientMember, member.Locations.FirstOrDefault(), member.Name, type.Name,
                        "only methods call an endpoint; declare a method instead");
                }

                continue;
            }

            var routes = method.GetAttributes().Where(EndpointParser.IsRoute).ToList();
            if (routes.Count == 0)
            {
                queueMethod ??= method.Name;
            }

            if (Method(type, method, routes, args) is { } parsed)
            {
                methods.Add(parsed);
            }
        }

        if (queueMethod is not null)
        {
            foreach (var method in members.OfType<IMethodSymbol>())
            {
                if (method.GetAttributes().FirstOrDefault(EndpointParser.IsRoute) is { } route)
                {
                    args.Report(ProblemId.ClientMixesKinds, RouteRules.PathLocation(route), method.Name, type.Name, queueMethod);
                }
            }
        }

        // A method declared twice (a pasted duplicate, which the compiler reports) could not be implemented twice.
        var declaredTwice = members.OfType<IMethodSymbol>().Any(a => members.OfType<IMethodSymbol>().Any(b =>
            !SymbolEqualityComparer.Default.Equals(a, b) && EndpointParser.SameSignature(a, b)));
        if (args.HasErrors || declaredTwice || !SyntaxFacts.IsValidIdentifier(type.Name) || !TypeRules.CanBeNamed(type) || type.IsGenericType || !Reachable(type))
        {
            return null;
        }

        return new ClientModel(
            "FlashClient_" + Sanitized(type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)),
            EndpointParser.FullName(type),
            nameWritten ? name : null,
            nameWritten ? null : id,
            queueMethod is null && methods.Count > 0,
            new EquatableArray<ClientMethod>(methods));
    }

    private static ClientMethod? Method(INamedTypeSymbol type, IMethodSymbol method, List<AttributeData> routes, AttributeArguments args)
    {
        var location = method.Locations.FirstOrDefault();
        if (Unsupported(method) is { } reason)
        {
            args.Report(ProblemId.UnsupportedClientMember, location, method.Name, type.Name, reason);
            return null;
        }

        var (call, result, isValueTask) = CallOf(method.ReturnType);
        if (call is null)
        {
            args.Report(ProblemId.UnsupportedClientMember, location, method.Name, type.Name,
                $"it returns {method.ReturnType.ToDisplayString()}; return Task<T>, ValueTask<T> or Task to wait for the result, Task<FlashJob<T>> for a job handle, or IAsyncEnumerable<T> for a stream");
            return null;
        }

        // No default values: callers reach the implementation through the interface, which has them.
        var parameters = method.Parameters
            .Select((p, i) => new ClientParameter(p.Name, EndpointParser.FullName(p.Type), null, i == method.Parameters.Length - 1 && TypeRules.IsCancellationToken(p.Type)))
            .ToList();
        var endpointMethod = method.GetAttributes()
            .FirstOrDefault(a => a.AttributeClass is { Name: nameof(EndpointMethodAttribute), ContainingNamespace: { Name: "Flash", ContainingNamespace.IsGlobalNamespace: true } })
            ?.ConstructorArguments.FirstOrDefault().Value as string;
        var returnType = EndpointParser.FullName(method.ReturnType);
        if (routes.Count == 0)
        {
            return new ClientMethod(method.Name, call.Value, returnType, result, isValueTask, new EquatableArray<ClientParameter>(parameters), endpointMethod, null, EquatableArray<PathPart>.Empty);
        }

        var route = routes[0];
        var httpMethod = route.AttributeClass?.Name.Replace("Attribute", string.Empty).ToUpperInvariant() ?? string.Empty;
        var path = route.ConstructorArguments.FirstOrDefault().Value as string;
        if (call != ClientCall.RunSync)
        {
            args.Report(ProblemId.ClientRouteNotSingleResponse, RouteRules.PathLocation(route), httpMethod, path ?? string.Empty, method.Name, method.ReturnType.ToDisplayString());
            return null;
        }

        if (path is null)
        {
            args.Report(ProblemId.NotConstant, RouteRules.PathLocation(route), "path", httpMethod);
            return null;
        }

        var template = RouteTemplate.Parse(path);
        if (template.Error is { } error)
        {
            args.Report(ProblemId.ClientRouteInvalid, RouteRules.PathLocation(route), httpMethod, path, method.Name, error);
            return null;
        }

        foreach (var parameter in template.Parameters.Where(p => !parameters.Any(q => q.Name == p.Name && !q.IsCancellationToken)))
        {
            args.Report(ProblemId.ClientRouteParameterUnbound, RouteRules.PathLocation(route), httpMethod, path, method.Name, parameter.Name);
        }

        return new ClientMethod(method.Name, ClientCall.Route, returnType, result, isValueTask, new EquatableArray<ClientParameter>(parameters), null, httpMethod,
            new EquatableArray<PathPart>(template.Parts));
    }

    private static string? Unsupported(IMethodSymbol method)
    {
        if (!SyntaxFacts.IsValidIdentifier(method.Name) || method.Parameters.Any(p => !SyntaxFacts.IsValidIdentifier(p.Name)))
        {
            return "it or one of its parameters has no valid name";
        }

        if (method.IsGenericMethod)
        {
            return "it is generic, and a call's input must have one type; declare a method per type";
        }

        if (method.Parameters.Any(p => p.RefKind != RefKind.None))
        {
            return "it has a ref, out or in parameter, which a call cannot send back; pass values and return the result";
        }

        if (method.Parameters.Any(p => !TypeRules.CanBeNamed(p.Type)) || !TypeRules.CanBeNamed(method.ReturnType))
        {
            return "a parameter or return type does not resolve";
        }

        return null;
    }

    /// <summary>What the return type calls: the call, the result type, and whether a ValueTask wraps it.</summary>
    private static (ClientCall? Call, string? Result, bool IsValueTask) CallOf(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return (null, null, false);
        }

        var ns = named.ContainingNamespace?.ToDisplayString();
        return (ns, named.MetadataName) switch
        {
            ("System.Threading.Tasks", "Task") => (ClientCall.RunSync, null, false),
            ("System.Threading.Tasks", "ValueTask") => (ClientCall.RunSync, null, true),
            ("System.Threading.Tasks", "Task`1") when IsJob(named.TypeArguments[0]) is { } job => (ClientCall.Run, EndpointParser.FullName(job), false),
            ("System.Threading.Tasks", "Task`1") => (ClientCall.RunSync, EndpointParser.FullName(named.TypeArguments[0]), false),
            ("System.Threading.Tasks", "ValueTask`1") => (ClientCall.RunSync, EndpointParser.FullName(named.TypeArguments[0]), true),
            ("System.Collections.Generic", "IAsyncEnumerable`1") => (ClientCall.Stream, EndpointParser.FullName(named.TypeArguments[0]), false),
            _ => (null, null, false),
        };
    }

    /// <summary>The result type of a <c>FlashJob&lt;T&gt;</c>, else null.</summary>
    private static ITypeSymbol? IsJob(ITypeSymbol type) =>
        type is INamedTypeSymbol { MetadataName: "FlashJob`1" } job && job.ContainingNamespace?.ToDisplayString() == "Flash.Client" ? job.TypeArguments[0] : null;

    private static bool Reachable(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal) || !SyntaxFacts.IsValidIdentifier(t.Name))
            {
                return false;
            }
        }

        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (!SyntaxFacts.IsValidIdentifier(ns.Name))
            {
                return false;
            }
        }

        return true;
    }

    private static string Sanitized(string text)
    {
        var builder = new System.Text.StringBuilder();
        Naming.AppendSanitized(builder, text);
        return builder.ToString();
    }
}
