using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Flash.Generators.Model;
using Flash.Manifest;
using Scriban.Runtime;

namespace Flash.Generators.Emit;

/// <summary>
/// Renders the typed manifest: the JSON constant, typed endpoints and volumes, the registry, and Main. Values the template
/// writes as C# literals are handed to it as literals.
/// </summary>
internal static class ManifestEmitter
{
    /// <summary>Renders the typed manifest.</summary>
    /// <param name="app">The app.</param>
    /// <param name="jsonContexts">The app's JsonSerializerContext types, fully qualified, ordered; the registry hands them to the runtime.</param>
    public static string Emit(AppManifest app, EquatableArray<string> jsonContexts)
    {
        var volumeIdentifiers = app.Volumes.ToDictionary(v => v.Volume, v => v.Identifier);
        var endpoints = new ScriptArray();
        foreach (var endpoint in app.Endpoints)
        {
            endpoints.Add(Endpoint(endpoint, volumeIdentifiers));
        }

        var volumes = new ScriptArray();
        foreach (var volume in app.Volumes)
        {
            volumes.Add(Volume(volume));
        }

        var model = new ScriptObject
        {
            ["namespace"] = app.Namespace,
            ["json"] = CSharpLiteral.String(ManifestJsonWriter.Write(app)),
            ["endpoints"] = endpoints,
            ["endpoint_count"] = app.Endpoints.Count,
            ["volumes"] = volumes,
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

    private static ScriptObject Endpoint(ManifestEndpoint e, IReadOnlyDictionary<NetworkVolumeDefinition, string> volumeIdentifiers)
    {
        var functions = new ScriptArray();
        foreach (var function in e.Functions)
        {
            functions.Add(new ScriptObject { ["name"] = CSharpLiteral.String(function.Name) });
        }

        var values = new ScriptArray();
        foreach (var field in EndpointDefinition.Fields.Where(f => f.AppliesTo(e.Definition)))
        {
            values.Add(new ScriptObject
            {
                ["name"] = field.Property,
                ["value"] = Value(field, field.Get(e.Definition), volumeIdentifiers),
            });
        }

        return new ScriptObject
        {
            ["name"] = CSharpLiteral.String(e.Definition.Name),
            ["identifier"] = e.Identifier,
            ["shim_class"] = e.ShimClass,
            ["needs_instance"] = e.Functions.Any(f => !f.IsStatic),
            ["values"] = values,
            ["functions"] = functions,
        };
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

    private static ScriptObject Volume(ManifestVolume v) => new()
    {
        ["identifier"] = v.Identifier,
        ["key"] = CSharpLiteral.String(v.Volume.Label),
        ["name"] = CSharpLiteral.String(v.Volume.Name),
        ["id"] = CSharpLiteral.String(v.Volume.Id),
        ["size_gb"] = v.Volume.SizeGb,
        ["data_center"] = v.Volume.DataCenter is { } dc ? Member(Codes.DataCenters, dc) : "null",
    };

    private static string Bool(bool value) => value ? "true" : "false";
}
