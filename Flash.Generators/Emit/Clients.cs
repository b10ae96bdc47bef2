using System.Linq;
using System.Text;
using Flash.Generators.Model;
using Microsoft.CodeAnalysis.CSharp;
using Scriban.Runtime;

namespace Flash.Generators.Emit;

/// <summary>
/// Renders <c>FlashClients.g.cs</c>: the clients of the app's own endpoints and the implementations of its
/// <c>[EndpointClient]</c> interfaces, each registered with <c>FlashClientRegistry</c> by one module initializer.
/// Each method is one call of <c>FlashEndpoint</c>. The template holds the file's frame; the classes, one per client,
/// are written here straight into a buffer, as the manifest's endpoints are (<see cref="ManifestEmitter"/>).
/// </summary>
internal static class Clients
{
    /// <summary>The result type of a call whose method returns nothing.</summary>
    public const string NoResult = "global::System.Text.Json.JsonElement";

    private const string Indent = "        ";

    public static string Emit(ClientsModel model)
    {
        var registrations = new StringBuilder();
        var classes = new StringBuilder(model.Own.Count * 2048);
        foreach (var client in model.Own.Concat(model.Interfaces))
        {
            registrations.Append(Indent).Append("    global::Flash.Client.FlashClientRegistry.Register<").Append(client.Interface ?? client.ClassName)
                .Append(">(").Append(client.ClassName).Append("._Create);\n");
        }

        foreach (var client in model.Own)
        {
            var display = Display(client);
            classes.Append('\n')
                .Append(Indent).Append("/// <summary>Calls this app's endpoint ").Append(display).Append(".</summary>\n")
                .Append(Indent).Append(client.IsPublic ? "public" : "internal").Append(" sealed class ").Append(client.ClassName).Append('\n');
            Members(classes, client, "/// <summary>A client of endpoint " + display + ", found the way every Flash client finds it.</summary>");
        }

        foreach (var client in model.Interfaces)
        {
            classes.Append('\n')
                .Append(Indent).Append("/// <summary>Implements ").Append(client.Interface).Append(": calls endpoint ").Append(Display(client)).Append(".</summary>\n")
                .Append(Indent).Append("private sealed class ").Append(client.ClassName).Append(" : ").Append(client.Interface).Append('\n');
            Members(classes, client, null);
        }

        return Templates.RenderClients(new ScriptObject
        {
            ["namespace"] = model.Namespace,
            // Public as soon as one client is, or that client could not be named outside the class.
            ["accessibility"] = model.Own.Any(c => c.IsPublic) ? "public" : "internal",
            ["json_resolver"] = model.JsonResolver,
            ["registrations"] = registrations.ToString(),
            ["classes"] = classes.ToString(),
        });
    }

    /// <summary>A client class's body: the endpoint it calls, and one member per method (with a summary for the app's own clients).</summary>
    private static void Members(StringBuilder code, ClientModel client, string? constructorSummary)
    {
        code.Append(Indent).Append("{\n")
            .Append(Indent).Append("    private readonly global::Flash.Client.FlashEndpoint _endpoint;\n")
            .Append('\n');
        if (constructorSummary is not null)
        {
            code.Append(Indent).Append("    ").Append(constructorSummary).Append('\n');
        }

        code.Append(Indent).Append("    public ").Append(client.ClassName).Append("(global::Flash.Client.FlashClient flash) => _endpoint = flash.Endpoint(")
            .Append(Address(client)).Append(", Json);\n");

        // A method group, not a lambda per client, for the registration: a thousand lambdas in one method cost the compiler
        // about 5 % of a large app's compilation. Named with a leading underscore, which no client class or method name
        // has (a class named Create, for an endpoint "create", could not have a member Create).
        code.Append('\n');
        if (constructorSummary is not null)
        {
            code.Append(Indent).Append("    /// <summary>Creates the client: its factory in FlashClientRegistry (FlashClient.Get and AddFlashClients call it).</summary>\n");
        }

        code.Append(Indent).Append("    internal static ").Append(client.ClassName).Append(" _Create(global::Flash.Client.FlashClient flash) => new(flash);\n");
        foreach (var method in client.Methods)
        {
            code.Append('\n');
            if (constructorSummary is not null)
            {
                code.Append(Indent).Append("    /// <summary>").Append(Summary(method)).Append("</summary>\n");
            }

            code.Append(Indent).Append("    ").Append(Signature(method)).Append(" =>\n")
                .Append(Indent).Append("        ").Append(Body(method)).Append(";\n");
        }

        code.Append(Indent).Append("}\n");
    }

    private static string Display(ClientModel client) => Escape(client.Name ?? "with id " + client.Id);

    private static string Address(ClientModel client)
    {
        var kind = client.IsLoadBalanced ? "global::Flash.Client.EndpointKind.LoadBalanced" : "global::Flash.Client.EndpointKind.QueueBased";
        return client.Name is { } name
            ? "global::Flash.Client.EndpointAddress.Named(" + CSharpLiteral.String(name) + ", " + kind + ")"
            : "global::Flash.Client.EndpointAddress.ById(" + CSharpLiteral.String(client.Id) + ", " + kind + ")";
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
