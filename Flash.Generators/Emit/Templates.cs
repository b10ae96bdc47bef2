using System;
using System.IO;
using Scriban;
using Scriban.Runtime;

namespace Flash.Generators.Emit;

/// <summary>The embedded Scriban templates of the files written once per run, parsed once per process.</summary>
internal static class Templates
{
    private static readonly Lazy<Template> ManifestTemplate = new(() => Load("Manifest.sbncs"));
    private static readonly Lazy<Template> ClientsTemplate = new(() => Load("Clients.sbncs"));

    /// <summary>The generator version written into <c>[GeneratedCode]</c>.</summary>
    public static string Version { get; } = typeof(Templates).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    /// <summary>The generator version as a C# string literal.</summary>
    public static string VersionLiteral { get; } = CSharpLiteral.String(Version);

    public static string RenderManifest(ScriptObject model) => Render(ManifestTemplate.Value, model, CreateContext());

    public static string RenderClients(ScriptObject model) => Render(ClientsTemplate.Value, model, CreateContext());

    // No Scriban builtins: importing them loads System.Text.Json 10, which a .NET 8 compiler host (the .NET 8 SDK)
    // cannot provide. No functions either: Scriban calls a function through reflection, so the emitters hand the
    // templates C# literals ready to write (CSharpLiteral) instead of piping values through one.
    private static readonly ScriptObject NoBuiltins = new() { IsReadOnly = true };

    private static string Render(Template template, ScriptObject model, TemplateContext context)
    {
        model.SetValue("version", VersionLiteral, true);
        context.PushGlobal(model);
        return template.Render(context);
    }

    private static TemplateContext CreateContext() => new(NoBuiltins)
    {
        StrictVariables = true,
        LoopLimit = 0,
        // Scriban cuts any value longer than 1 MiB to "..." by default; the manifest JSON of a large app is longer.
        LimitToString = 0,
        MemberRenamer = member => member.Name,
        NewLine = "\n",
    };

    private static Template Load(string name)
    {
        using var stream = typeof(Templates).Assembly.GetManifestResourceStream("Flash.Generators.Templates." + name)
            ?? throw new InvalidOperationException($"The template {name} is not embedded in the generator.");
        using var reader = new StreamReader(stream);
        var template = Template.Parse(reader.ReadToEnd(), name);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"The template {name} does not parse: {string.Join("; ", template.Messages)}");
        }

        return template;
    }
}
