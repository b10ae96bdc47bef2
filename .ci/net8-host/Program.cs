using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

// Usage: Net8Host <analyzers/dotnet/cs folder> <lib/net8.0/Flash.Runtime.dll> <lib/net8.0/Flash.Client.dll>
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Net8Host <analyzers folder> <Flash.Runtime.dll> <Flash.Client.dll>");
    return 2;
}

var folder = args[0];
Console.WriteLine($"host: .NET {Environment.Version}, System.Text.Json {typeof(System.Text.Json.JsonSerializer).Assembly.GetName().Version}");
var context = new ComponentContext(folder);
var generator = (IIncrementalGenerator)Activator.CreateInstance(
    context.LoadFromAssemblyPath(Path.Combine(folder, "Flash.Generators.dll")).GetType("Flash.Generators.FlashGenerator", throwOnError: true)!)!;
var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(
    context.LoadFromAssemblyPath(Path.Combine(folder, "Flash.Analyzers.dll")).GetType("Flash.Analyzers.DeclarationAnalyzer", throwOnError: true)!)!;

const string source = """
    using Flash;
    using System.Threading.Tasks;

    [assembly: NetworkVolume("cache", SizeGb = 5)]

    public static class Jobs
    {
        [Endpoint("echo", Volume = "cache")]
        public static Task<string> Echo(string text) => Task.FromResult(text);
    }

    [Endpoint("api")]
    public sealed class Api
    {
        [Get("/items/{id}")] public int Item(int id) => id;
    }
    """;
var compilation = CSharpCompilation.Create("App", [CSharpSyntaxTree.ParseText(source)],
    [.. Basic.Reference.Assemblies.Net80.References.All, MetadataReference.CreateFromFile(args[1]), MetadataReference.CreateFromFile(args[2])],
    new CSharpCompilationOptions(OutputKind.ConsoleApplication));

var driver = CSharpGeneratorDriver.Create(generator).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
var run = driver.GetRunResult().Results.Single();
var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
var exceptions = new List<Exception>();
var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), (e, _, _) => exceptions.Add(e), concurrentAnalysis: true, logAnalyzerExecutionTime: false);
var diagnostics = await new CompilationWithAnalyzers(compilation, [analyzer], options).GetAnalyzerDiagnosticsAsync();

Console.WriteLine($"generator: {(run.Exception is null ? "ran" : "threw " + run.Exception)}; sources: {string.Join(", ", run.GeneratedSources.Select(s => s.HintName))}");
Console.WriteLine($"compilation errors with generated code: {errors.Count}");
Console.WriteLine($"analyzer: {(exceptions.Count == 0 ? "ran" : "threw " + exceptions[0])}; diagnostics: {string.Join(", ", diagnostics.Select(d => d.Id))}");
Console.WriteLine($"loaded beside the components: {string.Join(", ", context.Assemblies.Select(a => $"{a.GetName().Name} {a.GetName().Version}"))}");

// Two shims, the manifest and the clients (the compilation references Flash.Client).
var ok = run.Exception is null && run.GeneratedSources.Length == 4 && run.GeneratedSources.Any(s => s.HintName == "FlashClients.g.cs") && errors.Count == 0 && exceptions.Count == 0 &&
         diagnostics.Select(d => d.Id).Contains("FLASH302");
Console.WriteLine(ok ? "OK" : "FAILED");
return ok ? 0 : 1;

/// <summary>The compiler's way: the components and what sits beside them in their own context; Roslyn and the BCL from the host.</summary>
internal sealed class ComponentContext(string folder) : AssemblyLoadContext("flash-components")
{
    protected override Assembly? Load(AssemblyName name)
    {
        if (Default.Assemblies.Any(a => a.GetName().Name == name.Name))
        {
            return null;
        }

        var path = Path.Combine(folder, name.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
