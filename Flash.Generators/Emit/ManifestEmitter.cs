using System.Collections;
using System.Globalization;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Flash.Generators.Model;
using Flash.Manifest;
using Scriban.Runtime;

namespace Flash.Generators.Emit;

/// <summary>
/// Renders the typed manifest: the JSON constant, typed endpoints and volumes, the registry, and Main. The template
/// holds the file's frame; the parts written once per endpoint or volume are written here straight into a buffer, since
/// an interpreter's cost per line, a thousand endpoints of 25 lines each, was most of the file's cost.
/// </summary>
internal static class ManifestEmitter
{
    private const string Indent = "            ";

    /// <summary>Renders the typed manifest.</summary>
    /// <param name="app">The app.</param>
    /// <param name="jsonContexts">The app's JsonSerializerContext types, fully qualified, ordered; the registry hands them to the runtime.</param>
    public static string Emit(AppManifest app, EquatableArray<string> jsonContexts)
    {
        var volumeIdentifiers = app.Volumes.ToDictionary(v => v.Volume, v => v.Identifier);
        var endpoints = new StringBuilder(app.Endpoints.Count * 2048);
        var registry = new StringBuilder(app.Endpoints.Count * 256);
        foreach (var endpoint in app.Endpoints)
        {
            Endpoint(endpoints, endpoint, volumeIdentifiers);
            Registration(registry, endpoint);
        }

        var volumes = new StringBuilder();
        foreach (var volume in app.Volumes)
        {
            Volume(volumes, volume);
        }

        var model = new ScriptObject
        {
            ["namespace"] = app.Namespace,
            ["json"] = CSharpLiteral.String(ManifestJsonWriter.Write(app)),
            ["endpoints"] = endpoints.ToString(),
            ["registry"] = registry.ToString(),
            ["endpoint_count"] = app.Endpoints.Count,
            ["volumes"] = volumes.ToString(),
            ["emit_main"] = app.EmitMain,
            ["json_resolver"] = JsonResolver(jsonContexts),
        };
        return Templates.RenderManifest(model);
    }

    /// <summary>The registry's JSON metadata: null, one context, or several combined (in name order).</summary>
    /// <remarks>
    /// Through <c>FlashJson.Context&lt;T&gt;()</c> rather than the generated <c>T.Default</c>, so this code compiles
    /// even while the System.Text.Json generator has not completed the context (half-typed code).
    /// </remarks>
    /// <remarks>
    /// An app without the worker runtime (one that only calls endpoints) creates each context itself.
    /// </remarks>
    public static string JsonResolver(EquatableArray<string> contexts, bool hasRuntime = true)
    {
        System.Func<string, string> context = hasRuntime ? type => "global::Flash.Workers.FlashJson.Context<" + type + ">()" : type => "new " + type + "()";
        return contexts.Count switch
        {
            0 => "null",
            1 => context(contexts[0]),
            _ => "global::System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(" + string.Join(", ", contexts.Select(context)) + ")",
        };
    }

    /// <summary>One property of <c>FlashManifest.Endpoints</c>: the endpoint's definition, every value final.</summary>
    private static void Endpoint(StringBuilder code, ManifestEndpoint e, IReadOnlyDictionary<NetworkVolumeDefinition, string> volumeIdentifiers)
    {
        code.Append(Indent).Append("/// <summary>Endpoint ").Append(CSharpLiteral.String(e.Definition.Name)).Append(".</summary>\n")
            .Append(Indent).Append("public static global::Flash.Manifest.EndpointDefinition ").Append(e.Identifier).Append(" { get; } = new()\n")
            .Append(Indent).Append("{\n")
            .Append(Indent).Append("    Name = ").Append(CSharpLiteral.String(e.Definition.Name)).Append(",\n");
        foreach (var field in EndpointDefinition.Fields)
        {
            if (field.AppliesTo(e.Definition))
            {
                code.Append(Indent).Append("    ").Append(field.Property).Append(" = ").Append(Value(field, field.Get(e.Definition), volumeIdentifiers)).Append(",\n");
            }
        }

        code.Append(Indent).Append("};\n");
    }

    /// <summary>One entry of <c>FlashManifest.Registry</c>: the endpoint's definition with its shim's invokers.</summary>
    private static void Registration(StringBuilder code, ManifestEndpoint e)
    {
        code.Append(Indent).Append("new(Endpoints.").Append(e.Identifier).Append(", new global::Flash.Workers.WorkerFunction[]\n")
            .Append(Indent).Append("{\n");
        for (var i = 0; i < e.Functions.Count; i++)
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            code.Append(Indent).Append("    new(Endpoints.").Append(e.Identifier).Append(".Functions[").Append(index).Append("], global::Flash.Generated.")
                .Append(e.ShimClass).Append(".Invoke").Append(index).Append("),\n");
        }

        code.Append(Indent).Append('}');
        if (e.Functions.Any(f => !f.IsStatic))
        {
            code.Append(", global::Flash.Generated.").Append(e.ShimClass).Append(".CreateInstance");
        }

        code.Append("),\n");
    }

    /// <summary>A field's value as the C# expression that initializes its property.</summary>
    private static string Value(ManifestField field, object? value, IReadOnlyDictionary<NetworkVolumeDefinition, string> volumeIdentifiers) => field.Type switch
    {
        FieldType.Int => CSharpLiteral.Int((int)value!),
        FieldType.Bool => Bool((bool)value!),
        FieldType.Text => CSharpLiteral.String((string?)value),
        FieldType.Enum => Member(field.Code!, value!),
        FieldType.EnumList => Array(field.Code!.TypeName, ((IEnumerable)value!).Cast<object>().Select(m => Member(field.Code!, m))),
        FieldType.Env => Array(
            "global::System.Collections.Generic.KeyValuePair<string, string>",
            ((IReadOnlyList<KeyValuePair<string, string>>)value!).Select(v => "new(" + CSharpLiteral.String(v.Key) + ", " + CSharpLiteral.String(v.Value) + ")")),
        FieldType.Volumes => Array("global::Flash.Manifest.NetworkVolumeDefinition", ((IReadOnlyList<NetworkVolumeDefinition>)value!).Select(v => "Volumes." + volumeIdentifiers[v])),
        _ => Array(
            "global::Flash.Manifest.FunctionDefinition",
            ((IReadOnlyList<FunctionDefinition>)value!).Select(f =>
                "new() { Name = " + CSharpLiteral.String(f.Name) + ", HttpMethod = " + CSharpLiteral.String(f.HttpMethod) + ", HttpPath = " + CSharpLiteral.String(f.HttpPath) + " }")),
    };

    private static string Member(EnumCode code, object member) => code.TypeName + "." + code.MemberName(member);

    private static string Array(string elementType, IEnumerable<string> elements)
    {
        var items = string.Join(", ", elements);
        return items.Length == 0 ? "global::System.Array.Empty<" + elementType + ">()" : "new " + elementType + "[] { " + items + " }";
    }

    /// <summary>One property of <c>FlashManifest.Volumes</c>.</summary>
    private static void Volume(StringBuilder code, ManifestVolume v) => code
        .Append(Indent).Append("/// <summary>Network volume ").Append(CSharpLiteral.String(v.Volume.Label)).Append(".</summary>\n")
        .Append(Indent).Append("public static global::Flash.Manifest.NetworkVolumeDefinition ").Append(v.Identifier).Append(" { get; } = new()\n")
        .Append(Indent).Append("{\n")
        .Append(Indent).Append("    Name = ").Append(CSharpLiteral.String(v.Volume.Name)).Append(",\n")
        .Append(Indent).Append("    Id = ").Append(CSharpLiteral.String(v.Volume.Id)).Append(",\n")
        .Append(Indent).Append("    SizeGb = ").Append(CSharpLiteral.Int(v.Volume.SizeGb)).Append(",\n")
        .Append(Indent).Append("    DataCenter = ").Append(v.Volume.DataCenter is { } dc ? Member(Codes.DataCenters, dc) : "null").Append(",\n")
        .Append(Indent).Append("};\n");

    private static string Bool(bool value) => value ? "true" : "false";
}
