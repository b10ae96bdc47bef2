using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Flash.Workers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;

namespace Flash.Tests.Infrastructure;

/// <summary>
/// Compiles declarations with the generator into a real assembly, loads it, and exposes its generated registry, so
/// tests call the generated shims in-process the way the worker runtime does.
/// </summary>
internal sealed class GeneratedApp : IDisposable
{
    private readonly AssemblyLoadContext _context;
    private readonly Dictionary<string, EndpointRunner> _runners = new(StringComparer.Ordinal);

    private readonly System.Reflection.Assembly _assembly;

    private GeneratedApp(AssemblyLoadContext context, System.Reflection.Assembly assembly, WorkerRegistry registry)
    {
        _context = context;
        _assembly = assembly;
        Registry = registry;
    }

    /// <summary>The compiled app's <c>FlashManifest</c> class.</summary>
    public Type Manifest => _assembly.GetTypes().Single(t => t.Name == "FlashManifest");

    /// <summary>A type of the compiled app.</summary>
    public Type Type(string fullName) => _assembly.GetType(fullName, throwOnError: true)!;

    public WorkerRegistry Registry { get; }

    /// <summary>The endpoint made ready to run, created once per app like a worker does (one instance per endpoint).</summary>
    public EndpointRunner Runner(string endpoint, IServiceProvider? services = null)
    {
        lock (_runners)
        {
            if (!_runners.TryGetValue(endpoint, out var runner))
            {
                var found = Registry.Find(endpoint) ?? throw new AssertionException($"no endpoint '{endpoint}'");
                runner = EndpointRunner.Create(found, Json, services ?? new ServiceCollection().BuildServiceProvider());
                _runners[endpoint] = runner;
            }

            return runner;
        }
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public static GeneratedApp Build(string source, string assemblyName = "ShimApp") =>
        Build(GeneratorHarness.Compile(source, assemblyName), assemblyName);

    /// <summary>Compiles several files, e.g. a sample's, into one app.</summary>
    public static GeneratedApp Build(IEnumerable<(string Path, string Text)> sources, string assemblyName) =>
        Build(GeneratorHarness.Compile(sources, assemblyName), assemblyName);

    private static GeneratedApp Build(CSharpCompilation compilation, string assemblyName)
    {
        var run = GeneratorHarness.Run(compilation);
        using var stream = new MemoryStream();
        var emit = run.Output.Emit(stream);
        Assert.That(emit.Success, Is.True, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;

        // Flash.Runtime resolves from the default context, so the registry's types are the test's own.
        var context = new AssemblyLoadContext(assemblyName, isCollectible: true);
        var assembly = context.LoadFromStream(stream);
        var manifest = assembly.GetType(assemblyName + ".FlashManifest", throwOnError: true)!;
        var registry = (WorkerRegistry)manifest.GetProperty("Registry", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        return new GeneratedApp(context, assembly, registry);
    }

    /// <summary>Runs one job <c>{"input": …}</c> against the named endpoint.</summary>
    public JobResult Run(string endpoint, string job, CancellationToken cancellationToken = default) =>
        Flash.Workers.Local.TestRun.RunJobAsync(Runner(endpoint), job, cancellationToken).GetAwaiter().GetResult().Result;

    public void Dispose() => _context.Unload();
}
