using System;
using System.Globalization;
using System.IO;
using Microsoft.CodeAnalysis.CSharp;
using Scriban;
using Scriban.Runtime;

namespace Flash.Generators.Emit;

/// <summary>The embedded Scriban templates, parsed once per process, and the functions they call.</summary>
internal static class Templates
{
    private static readonly Lazy<Template> ShimTemplate = new(() => Load("Shim.sbncs"));
    private static readonly Lazy<Template> ManifestTemplate = new(() => Load("Manifest.sbncs"));

    /// <summary>The generator version written into <c>[GeneratedCode]</c>.</summary>
    public static string Version { get; } = typeof(Templates).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    // A context costs more to create than a shim to render, so each thread keeps one for shims. The manifest renders
    // once per run with its own, so no thread keeps a buffer of its size.
    [ThreadStatic]
    private static TemplateContext? t_shimContext;

    public static string RenderShim(ScriptObject model)
    {
        var context = t_shimContext ??= CreateContext();
        try
        {
            return Render(ShimTemplate.Value, model, context);
        }
        finally
        {
            context.Reset();
        }
    }

    public static string RenderManifest(ScriptObject model) => Render(ManifestTemplate.Value, model, CreateContext());

    // Only our two functions, no Scriban builtins: importing the builtins loads System.Text.Json 10, which a .NET 8
    // compiler host (the .NET 8 SDK) cannot provide, and the templates use none of them. Built once: importing a
    // delegate reflects over it, which cost more than rendering a shim; the templates only read it.
    private static readonly ScriptObject Functions = CreateFunctions();

    private static string Render(Template template, ScriptObject model, TemplateContext context)
    {
        model.SetValue("version", Version, true);
        context.PushGlobal(model);
        return template.Render(context);
    }

    private static TemplateContext CreateContext() => new(Functions)
    {
        StrictVariables = true,
        LoopLimit = 0,
        // Scriban cuts any value longer than 1 MiB to "..." by default; the manifest JSON of a large app is longer.
        LimitToString = 0,
        MemberRenamer = member => member.Name,
        NewLine = "\n",
    };

    private static ScriptObject CreateFunctions()
    {
        var functions = new ScriptObject();
        functions.Import("cs_string", new Func<string?, string>(CsString));
        functions.Import("cs_int", new Func<object?, string>(CsInt));
        functions.IsReadOnly = true;
        return functions;
    }

    /// <summary>A C# string literal, or <c>null</c>.</summary>
    public static string CsString(string? value) => value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>A C# int literal, or <c>null</c>.</summary>
    private static string CsInt(object? value) => value is int i ? i.ToString(CultureInfo.InvariantCulture) : "null";

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
