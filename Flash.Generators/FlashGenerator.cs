using System.Collections.Immutable;
using System.Linq;
using Flash.Generators.Emit;
using Flash.Generators.Model;
using Flash.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flash.Generators;

/// <summary>
/// Declarations → models → outputs. Each endpoint gets its own shim file, which depends on that endpoint only; the
/// typed manifest (JSON constant, typed endpoints and volumes, registry, Main) depends on all of them. Only
/// value-equatable models flow after the transforms; the parser's problems are the analyzers' to report.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FlashGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for incrementality tests and benchmarks.</summary>
    public static class Steps
    {
        /// <summary>One model per [Endpoint] declaration.</summary>
        public const string Endpoints = "Flash.Endpoints";

        /// <summary>What each endpoint's shim is generated from.</summary>
        public const string Shims = "Flash.Shims";

        /// <summary>The models of the assembly's [NetworkVolume] declarations.</summary>
        public const string Volumes = "Flash.Volumes";

        /// <summary>Whether the user wrote a Main or top-level statements.</summary>
        public const string UserEntryPoint = "Flash.UserEntryPoint";

        /// <summary>The SDK container properties (ContainerRegistry, ContainerRepository, ContainerImageTag).</summary>
        public const string Container = "Flash.Container";

        /// <summary>Facts of the compilation the manifest needs: assembly name, whether to emit Main.</summary>
        public const string Program = "Flash.Program";

        /// <summary>The whole app's manifest model.</summary>
        public const string Manifest = "Flash.Manifest";

        /// <summary>The app's JsonSerializerContext types, whose metadata the runtime binds jobs with.</summary>
        public const string JsonContexts = "Flash.JsonContexts";
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var endpoints = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                EndpointParser.EndpointAttributeName,
                static (node, _) => node is MethodDeclarationSyntax or ClassDeclarationSyntax,
                static (ctx, ct) => ctx.Attributes.Length == 1 ? EndpointParser.Parse(ctx.TargetSymbol, ctx.Attributes[0], null, ct) : null)
            .Where(static e => e is not null)
            .Select(static (e, _) => e!)
            .WithTrackingName(Steps.Endpoints);

        var volumes = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                VolumeParser.NetworkVolumeAttributeName,
                static (node, _) => node is CompilationUnitSyntax,
                static (ctx, _) => new EquatableArray<VolumeModel>(ctx.Attributes.Select(a => VolumeParser.Parse(a, null))))
            .Collect()
            .Select(static (files, _) => new EquatableArray<VolumeModel>(files.SelectMany(f => f)))
            .WithTrackingName(Steps.Volumes);

        var userEntryPoint = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is GlobalStatementSyntax ||
                                    (node is MethodDeclarationSyntax { Identifier.ValueText: "Main" } method &&
                                     method.Modifiers.Any(m => m.ValueText == "static")),
                static (_, _) => true)
            .Collect()
            .Select(static (found, _) => !found.IsEmpty)
            .WithTrackingName(Steps.UserEntryPoint);

        var container = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => new ContainerImage(
                Property(options.GlobalOptions, "ContainerRegistry"),
                Property(options.GlobalOptions, "ContainerRepository"),
                Property(options.GlobalOptions, "ContainerImageTag")))
            .WithTrackingName(Steps.Container);

        var program = context.CompilationProvider
            .Select(static (c, _) => (Assembly: c.AssemblyName ?? "FlashApp", IsExe: c.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication))
            .Combine(userEntryPoint)
            .Combine(container)
            .Select(static (pair, _) => new ProgramFacts(pair.Left.Left.Assembly, pair.Left.Left.IsExe && !pair.Left.Right, pair.Right))
            .WithTrackingName(Steps.Program);

        // A shim depends on the endpoint's code shape only, so a changed setting never regenerates it.
        var shims = endpoints
            .Where(static e => e.IsValid && e.Functions.Count > 0)
            .Select(static (e, _) => new ShimModel(e.Name, e.Kind, e.Type, e.Functions))
            .WithTrackingName(Steps.Shims);

        context.RegisterSourceOutput(shims, static (spc, shim) =>
            spc.AddSource(shim.ClassName + ".g.cs", ShimEmitter.Emit(shim)));

        var manifest = endpoints.Collect()
            .Combine(volumes)
            .Combine(program)
            .Select(static (input, _) => ManifestBuilder.Build(
                input.Right.AssemblyName,
                input.Left.Left,
                input.Left.Right,
                input.Right.EmitMain,
                input.Right.Container))
            .WithTrackingName(Steps.Manifest);

        var jsonContexts = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                JsonContexts.SerializableAttributeName,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, _) => JsonContexts.Describe(ctx.TargetSymbol))
            .Where(static name => name is not null)
            .Collect()
            .Select(static (names, _) => JsonContexts.Order(names!))
            .WithTrackingName(Steps.JsonContexts);

        context.RegisterSourceOutput(manifest.Combine(jsonContexts), static (spc, input) =>
        {
            // Emitted as soon as anything is declared, even when every declaration has an error: Main and the
            // registry still exist, so the build reports the Flash errors rather than a missing entry point.
            if (input.Left.HasDeclarations)
            {
                spc.AddSource("FlashManifest.g.cs", ManifestEmitter.Emit(input.Left, input.Right));
            }
        });
    }

    private static string? Property(AnalyzerConfigOptions options, string name) =>
        options.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private sealed record ProgramFacts(string AssemblyName, bool EmitMain, ContainerImage Container);
}
