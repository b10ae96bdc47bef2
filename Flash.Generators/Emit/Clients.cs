using System.Linq;
using System.Text;
using Flash.Generators.Model;
using Microsoft.CodeAnalysis.CSharp;
using Scriban.Runtime;

namespace Flash.Generators.Emit;

/// <summary>
/// Renders <c>FlashClients.g.cs</c>: the clients of the app's own endpoints and the implementations of its
/// <c>[EndpointClient]</c> interfaces, each registered with <c>FlashClientRegistry</c> by one module initializer.
/// Each method is one call of <c>FlashEndpoint</c>; its text is built here and handed to the template.
/// </summary>
internal static class Clients
{
    /// <summary>The result type of a call whose method returns nothing.</summary>
    public const string NoResult = "global::System.Text.Json.JsonElement";

    public static string Emit(ClientsModel model)
    {
        var own = new ScriptArray();
        foreach (var client in model.Own)
        {
            own.Add(Client(client));
        }

        var interfaces = new ScriptArray();
        foreach (var client in model.Interfaces)
        {
            interfaces.Add(Client(client));
        }

        return Templates.RenderClients(new ScriptObject
        {
            ["namespace"] = model.Namespace,
            // Public as soon as one client is, or that client could not be named outside the class.
            ["accessibility"] = model.Own.Any(c => c.IsPublic) ? "public" : "internal",
            ["json_resolver"] = model.JsonResolver,
            ["own"] = own,
            ["interfaces"] = interfaces,
        });
    }

    private static ScriptObject Client(ClientModel client)
    {
        var methods = new ScriptArray();
        foreach (var method in client.Methods)
        {
            methods.Add(new ScriptObject
            {
                ["signature"] = Signature(method),
                ["body"] = Body(method),
                ["summary"] = Summary(method),
            });
        }

        var kind = client.IsLoadBalanced ? "global::Flash.Client.EndpointKind.LoadBalanced" : "global::Flash.Client.EndpointKind.QueueBased";
        return new ScriptObject
        {
            ["class_name"] = client.ClassName,
            ["accessibility"] = client.IsPublic ? "public" : "internal",
            ["interface"] = client.Interface,
            ["registered"] = client.Interface ?? client.ClassName,
            ["display"] = Escape(client.Name ?? "with id " + client.Id),
            ["address"] = client.Name is { } name
                ? "global::Flash.Client.EndpointAddress.Named(" + CSharpLiteral.String(name) + ", " + kind + ")"
                : "global::Flash.Client.EndpointAddress.ById(" + CSharpLiteral.String(client.Id) + ", " + kind + ")",
            ["methods"] = methods,
        };
    }

    private static string Signature(ClientMethod method)
    {
        var text = new StringBuilder("public ").Append(method.ReturnType).Append(' ').Append(Identifier(method.Name)).Append('(');
        for (var i = 0; i < method.Parameters.Count; i++)
        {
            var parameter = method.Parameters[i];
            text.Append(i > 0 ? ", " : string.Empty).Append(parameter.Type).Append(' ').Append(Identifier(parameter.Name));
            if (parameter.DefaultValue is { } value)
            {
                text.Append(" = ").Append(value);
            }
        }

        return text.Append(')').ToString();
    }

    private static string Body(ClientMethod method)
    {
        var token = method.Parameters.FirstOrDefault(p => p.IsCancellationToken) is { } t ? Identifier(t.Name) : "default";
        var result = method.ResultType ?? NoResult;
        var path = method.Path.Where(p => p.Parameter is not null).Select(p => p.Parameter).ToList();
        var sent = method.Parameters.Where(p => !p.IsCancellationToken && !path.Contains(p.Name)).ToList();
        var input = new StringBuilder("_endpoint.Arguments()");
        foreach (var parameter in sent)
        {
            input.Append(".Add(").Append(CSharpLiteral.String(parameter.Name)).Append(", ").Append(Identifier(parameter.Name)).Append(')');
        }

        if (method.EndpointMethod is { } endpointMethod)
        {
            input.Append(".Method(").Append(CSharpLiteral.String(endpointMethod)).Append(')');
        }

        var call = method.Call switch
        {
            ClientCall.Run => $"_endpoint.RunAsync<{result}>({input}, {token})",
            ClientCall.Stream => $"_endpoint.StreamAsync<{result}>({input}, {token})",
            ClientCall.Route => $"_endpoint.SendAsync<{result}>({HttpMethod(method.HttpMethod)}, {Path(method)}, {(sent.Count == 0 ? "null" : input.ToString())}, {token})",
            _ => $"_endpoint.RunSyncAsync<{result}>({input}, {token})",
        };
        return !method.IsValueTask ? call
            : method.ResultType is null ? "new global::System.Threading.Tasks.ValueTask(" + call + ")"
            : "new global::System.Threading.Tasks.ValueTask<" + result + ">(" + call + ")";
    }

    /// <summary>The request path: literals as written, each path parameter's value formatted invariantly and escaped.</summary>
    private static string Path(ClientMethod method) => string.Join(" + ", method.Path.Select(part => part.Parameter is { } name
        ? "global::System.Uri.EscapeDataString(global::System.Convert.ToString(" + Identifier(name) + ", global::System.Globalization.CultureInfo.InvariantCulture) ?? \"\")"
        : CSharpLiteral.String(part.Literal)).DefaultIfEmpty("\"/\""));

    private static string HttpMethod(string? method) => method switch
    {
        "GET" => "global::System.Net.Http.HttpMethod.Get",
        "POST" => "global::System.Net.Http.HttpMethod.Post",
        "PUT" => "global::System.Net.Http.HttpMethod.Put",
        "DELETE" => "global::System.Net.Http.HttpMethod.Delete",
        "PATCH" => "global::System.Net.Http.HttpMethod.Patch",
        _ => "new global::System.Net.Http.HttpMethod(" + CSharpLiteral.String(method) + ")",
    };

    private static string Summary(ClientMethod method) => Escape(method.Call switch
    {
        ClientCall.Run => "Queues a job" + Of(method) + " and returns its handle.",
        ClientCall.Stream => "Queues a job" + Of(method) + " and streams its parts.",
        ClientCall.Route => "Calls " + method.HttpMethod + " " + string.Concat(method.Path.Select(p => p.Literal ?? "{" + p.Parameter + "}")) + ".",
        _ => "Runs a job" + Of(method) + " and waits for its result.",
    });

    private static string Of(ClientMethod method) => method.EndpointMethod is { } name ? " of " + name : string.Empty;

    /// <summary>A name as C# code writes it: a keyword (a parameter named <c>class</c>) with '@'.</summary>
    private static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
