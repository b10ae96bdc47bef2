using System.Collections.Generic;
using System.Linq;
using Flash.Generators.Model;
using Flash.Generators.Parsing.Routes;
using Flash.Manifest;

namespace Flash.Generators.Emit;

/// <summary>
/// The clients of the app's own endpoints: one per served endpoint, named as in <c>FlashManifest.Endpoints</c>, its
/// parameters those the worker binds from the input (never the CancellationToken the job supplies). Built from code
/// shape only, so a changed setting leaves them equal.
/// </summary>
internal static class OwnClients
{
    public static EquatableArray<ClientModel> Build(IEnumerable<EndpointModel> endpoints) =>
        new(Emit.ManifestBuilder.Served(endpoints).Select(s => Client(s.Endpoint, s.Identifier)));

    private static ClientModel Client(EndpointModel endpoint, string identifier)
    {
        var names = new Identifiers(identifier);
        var methods = new List<ClientMethod>();
        foreach (var function in endpoint.Functions)
        {
            var parameters = Parameters(function);
            var result = function.ResultType;
            var job = "global::Flash.Client.FlashJob<" + (result ?? Clients.NoResult) + ">";
            switch (endpoint.Kind)
            {
                case EndpointKind.LoadBalanced:
                    methods.Add(new ClientMethod(names.Claim(function.Name + "Async"), ClientCall.Route, Task(result), result, false, parameters, null,
                        function.HttpMethod, new EquatableArray<PathPart>(RouteTemplate.Parse(function.HttpPath ?? "/").Parts)));
                    break;
                case EndpointKind.QueueFunction when function.Return == ReturnShape.AsyncEnumerable:
                    methods.Add(Queue(names.Claim("StreamAsync"), ClientCall.Stream, Stream(result!), result, parameters, null));
                    break;
                case EndpointKind.QueueFunction:
                    methods.Add(Queue(names.Claim("RunSyncAsync"), ClientCall.RunSync, Task(result), result, parameters, null));
                    methods.Add(Queue(names.Claim("RunAsync"), ClientCall.Run, Task(job), result, parameters, null));
                    break;
                case EndpointKind.QueueClass when function.Return == ReturnShape.AsyncEnumerable:
                    methods.Add(Queue(names.Claim(function.Name + "Async"), ClientCall.Stream, Stream(result!), result, parameters, function.Name));
                    break;
                default:
                    methods.Add(Queue(names.Claim(function.Name + "Async"), ClientCall.RunSync, Task(result), result, parameters, function.Name));
                    methods.Add(Queue(names.Claim("Run" + function.Name + "Async"), ClientCall.Run, Task(job), result, parameters, function.Name));
                    break;
            }
        }

        return new ClientModel(identifier, null, endpoint.Name, null, endpoint.Kind == EndpointKind.LoadBalanced, new EquatableArray<ClientMethod>(methods),
            IsPublic: endpoint.Functions.All(f => f.IsPublic));
    }

    private static ClientMethod Queue(string name, ClientCall call, string returnType, string? result, EquatableArray<ClientParameter> parameters, string? endpointMethod) =>
        new(name, call, returnType, result, false, parameters, endpointMethod, null, EquatableArray<PathPart>.Empty);

    /// <summary>The bound parameters, then a cancellation token (named apart from them).</summary>
    private static EquatableArray<ClientParameter> Parameters(FunctionModel function)
    {
        var bound = function.Parameters.Where(p => !p.IsCancellationToken).ToList();
        var parameters = bound.Select((p, i) => new ClientParameter(p.Name, p.Type,
            bound.Skip(i).All(later => later.DefaultValue is not null) ? p.DefaultValue : null, false)).ToList();
        var token = "cancellationToken";
        while (bound.Any(p => p.Name == token))
        {
            token += "_";
        }

        parameters.Add(new ClientParameter(token, "global::System.Threading.CancellationToken", "default", true));
        return new EquatableArray<ClientParameter>(parameters);
    }

    private static string Task(string? result) =>
        result is null ? "global::System.Threading.Tasks.Task" : "global::System.Threading.Tasks.Task<" + result + ">";

    private static string Stream(string part) => "global::System.Collections.Generic.IAsyncEnumerable<" + part + ">";
}
