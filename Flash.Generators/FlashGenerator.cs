using System.Linq;
using Flash.Generators.Emit;
using Flash.Generators.Model;
using Flash.Generators.Parsing;
using Flash.Generators.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flash.Generators;

/// <summary>
/// Declarations → models → outputs. Each endpoint gets its own shim, which depends on that endpoint only, in one of a
/// fixed number of shim files (<see cref="ShimFile"/>); the typed manifest (JSON constant, typed endpoints and volumes,
/// registry, Main) depends on all of them. Only value-equatable models flow after the transforms; the parser's problems
/// are the analyzers' to report.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FlashGenerator : IIncrementalGenerator
{
    private readonly DeclarationCache _declarations = new();

    /// <summary>Tracking names of the pipeline steps, for incrementality tests and benchmarks.</summary>
    public static class Steps
    {
        /// <summary>The declarations of the compilation, parsed only when they changed.</summary>
        public const string Declarations = "Flash.Declarations";

        /// <summary>One model per [Endpoint] declaration.</summary>
        public const string Endpoints = "Flash.Endpoints";

        /// <summary>What each endpoint's shim is generated from.</summary>
        public const string Shims = "Flash.Shims";

        /// <summary>The shim files, each holding the shims whose identity hash falls in it.</summary>
        public const string ShimFiles = "Flash.ShimFiles";

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

        /// <summary>Whether the compilation references Flash.Client (and the worker runtime), and its namespace.</summary>
        public const string ClientFacts = "Flash.ClientFacts";

        /// <summary>The clients of the app's own endpoints: their code shape, none of their settings.</summary>
        public const string OwnClients = "Flash.OwnClients";

        /// <summary>The implementations of the app's [EndpointClient] interfaces.</summary>
        public const string InterfaceClients = "Flash.InterfaceClients";

        /// <summary>What FlashClients.g.cs is generated from.</summary>
        public const string Clients = "Flash.Clients";
    }

    /// <summary>The parsed declarations this generator keeps for reuse (tests read how often it parsed).</summary>
    internal DeclarationCache DeclarationCache => _declarations;

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Declarations are bound only when some tree's declarations changed: a method body edit reuses them.
        var declarations = context.CompilationProvider
            .Select((compilation, ct) => _declarations.Read(compilation, ct))
            .WithTrackingName(Steps.Declarations);

        // One file's endpoints per item first, so adding an endpoint moves no other file's items.
        var endpoints = declarations
            .SelectMany(static (d, _) => d.EndpointsByFile)
            .SelectMany(static (file, _) => file)
            .WithTrackingName(Steps.Endpoints);

        var volumes = declarations
            .Select(static (d, _) => d.Volumes)
            .WithTrackingName(Steps.Volumes);

        var userEntryPoint = declarations
            .Select(static (d, _) => d.HasUserEntryPoint)
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

        // Grouped into a fixed number of files; each is compared with its previous version, so only a changed one is written.
        var shimFiles = shims.Collect()
            .SelectMany(static (all, _) => ShimFile.Group(all))
            .WithTrackingName(Steps.ShimFiles);

        context.RegisterSourceOutput(shimFiles, static (spc, file) =>
        {
            if (!file.Shims.IsEmpty)
            {
                spc.AddSource(file.HintName, ShimEmitter.Emit(file));
            }
        });

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

        var clientFacts = context.CompilationProvider
            .Select(static (c, _) => new ClientFacts(
                IsReferenced(c, "Flash.Client", "Flash.Client.FlashClient"),
                IsReferenced(c, "Flash.Runtime", "Flash.Workers.FlashJson"),
                Naming.Namespace(c.AssemblyName ?? "FlashApp")))
            .WithTrackingName(Steps.ClientFacts);

        // Code shape only: a changed setting gives equal clients, and the file is not rendered again.
        var ownClients = endpoints.Collect()
            .Select(static (all, _) => OwnClients.Build(all))
            .WithTrackingName(Steps.OwnClients);

        var interfaceClients = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ClientParser.EndpointClientAttributeName,
                static (node, _) => node is InterfaceDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol type && ctx.Attributes.Length == 1
                    ? ClientParser.Parse(type, new AttributeArguments(ctx.Attributes[0], null), ct)
                    : null)
            .Where(static client => client is not null)
            .Collect()
            .Select(static (clients, _) => new EquatableArray<ClientModel>(clients
                .GroupBy(c => c!.ClassName, System.StringComparer.Ordinal)
                .Select(g => g.First()!)
                .OrderBy(c => c.ClassName, System.StringComparer.Ordinal)))
            .WithTrackingName(Steps.InterfaceClients);

        // Null when there is nothing to generate: no Flash.Client, or no endpoint and no client interface.
        var clients = clientFacts.Combine(ownClients).Combine(interfaceClients).Combine(jsonContexts)
            .Select(static (input, _) =>
            {
                var (((facts, own), interfaces), contexts) = input;
                return facts.ReferencesClient && own.Count + interfaces.Count > 0
                    ? new ClientsModel(facts.Namespace, own, interfaces, ManifestEmitter.JsonResolver(contexts, facts.ReferencesRuntime))
                    : null;
            })
            .WithTrackingName(Steps.Clients);

        context.RegisterSourceOutput(clients, static (spc, model) =>
        {
            if (model is not null)
            {
                spc.AddSource("FlashClients.g.cs", Clients.Emit(model));
            }
        });
    }

    /// <summary>
    /// Whether the compilation references the assembly that declares the type. Asked of that one reference, not of the
    /// compilation: this runs on every compilation the IDE hands the generator, and the compilation's look-up searches
    /// every reference and the app's own declarations, merging the declarations of every tree, a cost that grows with
    /// the app (it was most of an edit that changed nothing).
    /// </summary>
    private static bool IsReferenced(Compilation compilation, string assemblyName, string metadataName)
    {
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.Name == assemblyName && assembly.GetTypeByMetadataName(metadataName) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static string? Property(AnalyzerConfigOptions options, string name) =>
        options.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private sealed record ClientFacts(bool ReferencesClient, bool ReferencesRuntime, string Namespace);

    private sealed record ProgramFacts(string AssemblyName, bool EmitMain, ContainerImage Container);
}
