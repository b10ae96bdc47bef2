using System.Collections;
using System.Text;
using Flash.Build;
using Microsoft.Build.Framework;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flash.Tests.Build;

/// <summary>
/// The build task that copies the manifest JSON embedded by the source generator
/// (<c>[assembly: AssemblyMetadata("Flash.Manifest", ...)]</c>) out of the compiled assembly into a file.
/// Each test compiles a tiny assembly with Roslyn, writes it to a temp directory and runs the task against it.
/// </summary>
[TestFixture]
public sealed class WriteFlashManifestTests
{
    private const string Json =
        "{\"version\":1,\"endpoints\":[{\"name\":\"hello\",\"gpu\":\"ADA_24\",\"note\":\"caf\u00e9 \u2713 \\\"quoted\\\"\\n\"},{\"name\":\"second\"}]}";

    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "flash-tests", "manifest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Test]
    public void Writes_the_embedded_json_as_utf8_without_bom_and_reports_the_endpoint_count()
    {
        var assembly = EmitAssembly(ManifestAttributes(Json, "2"));
        var manifest = Path.Combine(_dir, "out", "flash", "flash_manifest.json"); // directory does not exist yet

        var (task, engine) = CreateTask(assembly, manifest);
        var result = task.Execute();

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.True);
            Assert.That(engine.Errors, Is.Empty);
            Assert.That(File.ReadAllBytes(manifest), Is.EqualTo(new UTF8Encoding(false).GetBytes(Json)));
            Assert.That(task.Written, Is.True);
            Assert.That(task.ManifestFound, Is.True);
            Assert.That(task.EndpointCount, Is.EqualTo(2));
            Assert.That(engine.HighMessages, Is.EqualTo(new[] { $"Flash: manifest with 2 endpoint(s) -> {Path.GetFullPath(manifest)}" }));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(manifest)!), Is.EqualTo(new[] { manifest }), "no temp file is left behind");
        });
    }

    [Test]
    public void An_unchanged_manifest_is_not_rewritten()
    {
        var assembly = EmitAssembly(ManifestAttributes(Json, "2"));
        var manifest = Path.Combine(_dir, "flash_manifest.json");

        var (first, _) = CreateTask(assembly, manifest);
        Assert.That(first.Execute(), Is.True);
        Assert.That(first.Written, Is.True);

        // Push the timestamp into the past, so a rewrite could not go unnoticed within the file system's resolution.
        var past = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(manifest, past);

        var (second, engine) = CreateTask(assembly, manifest);
        var result = second.Execute();

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.True);
            Assert.That(engine.Errors, Is.Empty);
            Assert.That(second.Written, Is.False);
            Assert.That(second.ManifestFound, Is.True);
            Assert.That(second.EndpointCount, Is.EqualTo(2));
            Assert.That(File.GetLastWriteTimeUtc(manifest), Is.EqualTo(past));
            Assert.That(File.ReadAllBytes(manifest), Is.EqualTo(new UTF8Encoding(false).GetBytes(Json)));
            Assert.That(engine.HighMessages, Is.EqualTo(new[] { $"Flash: manifest with 2 endpoint(s) -> {Path.GetFullPath(manifest)} (unchanged)" }));
        });
    }

    [Test]
    public void A_different_existing_file_is_replaced()
    {
        var assembly = EmitAssembly(ManifestAttributes(Json, "2"));
        var manifest = Path.Combine(_dir, "flash_manifest.json");
        File.WriteAllText(manifest, "{\"version\":0,\"endpoints\":[]}");

        var (task, engine) = CreateTask(assembly, manifest);
        var result = task.Execute();

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.True);
            Assert.That(engine.Errors, Is.Empty);
            Assert.That(task.Written, Is.True);
            Assert.That(File.ReadAllBytes(manifest), Is.EqualTo(new UTF8Encoding(false).GetBytes(Json)));
            Assert.That(Directory.GetFiles(_dir).Select(Path.GetFileName), Is.EquivalentTo(new[] { "flash_manifest.json", "Sample.dll" }));
        });
    }

    [Test]
    public void Other_assembly_metadata_entries_are_ignored()
    {
        var assembly = EmitAssembly(
            """
            [assembly: System.Reflection.AssemblyMetadata("RepositoryUrl", "https://example.invalid/repo")]
            [assembly: System.Reflection.AssemblyMetadata("Flash.Other", null)]
            """
            + ManifestAttributes(Json, "2"));
        var manifest = Path.Combine(_dir, "flash_manifest.json");

        var (task, engine) = CreateTask(assembly, manifest);

        Assert.Multiple(() =>
        {
            Assert.That(task.Execute(), Is.True);
            Assert.That(engine.Errors, Is.Empty);
            Assert.That(File.ReadAllText(manifest), Is.EqualTo(Json));
        });
    }

    [Test]
    public void An_assembly_without_a_manifest_writes_nothing_and_succeeds()
    {
        var assembly = EmitAssembly("""[assembly: System.Reflection.AssemblyMetadata("RepositoryUrl", "https://example.invalid/repo")]""");
        var manifest = Path.Combine(_dir, "flash", "flash_manifest.json");

        var (task, engine) = CreateTask(assembly, manifest);
        var result = task.Execute();

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.True);
            Assert.That(engine.Errors, Is.Empty);
            Assert.That(engine.Warnings, Is.Empty);
            Assert.That(File.Exists(manifest), Is.False);
            Assert.That(Directory.Exists(Path.GetDirectoryName(manifest)), Is.False);
            Assert.That(task.Written, Is.False);
            Assert.That(task.ManifestFound, Is.False);
            Assert.That(task.EndpointCount, Is.EqualTo(0));
            Assert.That(engine.HighMessages, Is.Empty);
            Assert.That(engine.Messages.Where(m => m.Importance == MessageImportance.Low).Select(m => m.Message), Has.Some.Contains("no manifest written"));
        });
    }

    [Test]
    public void A_manifest_without_an_endpoint_count_is_written_with_count_zero()
    {
        var assembly = EmitAssembly($"[assembly: System.Reflection.AssemblyMetadata(\"Flash.Manifest\", {Literal(Json)})]");
        var manifest = Path.Combine(_dir, "flash_manifest.json");

        var (task, engine) = CreateTask(assembly, manifest);

        Assert.Multiple(() =>
        {
            Assert.That(task.Execute(), Is.True);
            Assert.That(engine.Errors, Is.Empty);
            Assert.That(File.ReadAllText(manifest), Is.EqualTo(Json));
            Assert.That(task.EndpointCount, Is.EqualTo(0));
        });
    }

    [Test]
    public void A_file_that_is_not_an_assembly_fails_with_an_error_naming_it()
    {
        var notPe = Path.Combine(_dir, "NotAnAssembly.dll");
        File.WriteAllText(notPe, "this is not a portable executable");
        var manifest = Path.Combine(_dir, "flash_manifest.json");

        var (task, engine) = CreateTask(notPe, manifest);
        var result = task.Execute();

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.False);
            Assert.That(engine.Errors, Has.Count.EqualTo(1));
            Assert.That(engine.Errors[0].Code, Is.EqualTo("FLASHB02"));
            Assert.That(engine.Errors[0].Message, Does.Contain(notPe));
            Assert.That(File.Exists(manifest), Is.False);
            Assert.That(task.Written, Is.False);
        });
    }

    [Test]
    public void A_missing_assembly_fails_with_an_error_naming_it_and_linking_its_page()
    {
        var missing = Path.Combine(_dir, "Missing.dll");
        var (task, engine) = CreateTask(missing, Path.Combine(_dir, "flash_manifest.json"));

        Assert.Multiple(() =>
        {
            Assert.That(task.Execute(), Is.False);
            Assert.That(engine.Errors, Has.Count.EqualTo(1));
            Assert.That(engine.Errors[0].Code, Is.EqualTo("FLASHB01"));
            Assert.That(engine.Errors[0].Message, Is.EqualTo(
                $"Flash: the compiled assembly '{missing}' does not exist, so the deployment manifest cannot be read from it. "
                + "The Flash manifest step must run after compilation: check that AssemblyPath points at @(IntermediateAssembly) and that the build produced it."));
            Assert.That(engine.Errors[0].HelpLink, Is.EqualTo("https://github.com/runpod-flash/flash-dotnet/blob/main/docs/diagnostics/FLASHB01.md"));
        });
    }

    [Test]
    public void A_non_numeric_endpoint_count_fails()
    {
        var assembly = EmitAssembly(ManifestAttributes(Json, "two"));
        var manifest = Path.Combine(_dir, "flash_manifest.json");
        var (task, engine) = CreateTask(assembly, manifest);

        Assert.Multiple(() =>
        {
            Assert.That(task.Execute(), Is.False);
            Assert.That(engine.Errors.Select(e => e.Code), Is.EqualTo(new[] { "FLASHB04" }));
            Assert.That(engine.Errors[0].Message, Is.EqualTo(
                $"Flash: the assembly '{assembly}' records \"Flash.Manifest.EndpointCount\" = 'two', which is not a non-negative integer. "
                + "The attribute is written by the Flash source generator; remove any hand-written [assembly: AssemblyMetadata(\"Flash.Manifest.EndpointCount\", ...)] "
                + "and make sure the Flash.Runtime package and its generator come from the same version."));
            Assert.That(File.Exists(manifest), Is.False);
        });
    }

    [Test]
    public void Two_manifest_entries_fail_as_ambiguous()
    {
        var assembly = EmitAssembly(
            ManifestAttributes(Json, "2") + $"\n[assembly: System.Reflection.AssemblyMetadata(\"Flash.Manifest\", {Literal("{}")})]");
        var manifest = Path.Combine(_dir, "flash_manifest.json");
        var (task, engine) = CreateTask(assembly, manifest);

        Assert.Multiple(() =>
        {
            Assert.That(task.Execute(), Is.False);
            Assert.That(engine.Errors.Select(e => e.Code), Is.EqualTo(new[] { "FLASHB04" }));
            Assert.That(engine.Errors[0].Message, Is.EqualTo(
                $"Flash: '{assembly}' carries more than one [assembly: AssemblyMetadata(\"Flash.Manifest\", ...)], so it is ambiguous which one to use. "
                + "The Flash source generator writes this attribute; remove any hand-written copy from the project."));
            Assert.That(File.Exists(manifest), Is.False);
        });
    }

    private static string ManifestAttributes(string json, string count) =>
        $"""
        [assembly: System.Reflection.AssemblyMetadata("Flash.Manifest", {Literal(json)})]
        [assembly: System.Reflection.AssemblyMetadata("Flash.Manifest.EndpointCount", {Literal(count)})]
        """;

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private string EmitAssembly(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Sample",
            [CSharpSyntaxTree.ParseText(source + "\nnamespace Sample { public static class Marker { } }\n")],
            Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var path = Path.Combine(_dir, "Sample.dll");
        using (var stream = File.Create(path))
        {
            var result = compilation.Emit(stream);
            Assert.That(result.Success, Is.True, () => string.Join(Environment.NewLine, result.Diagnostics));
        }

        return path;
    }

    private static (WriteFlashManifest Task, RecordingBuildEngine Engine) CreateTask(string assemblyPath, string manifestPath)
    {
        var engine = new RecordingBuildEngine();
        var task = new WriteFlashManifest
        {
            BuildEngine = engine,
            AssemblyPath = assemblyPath,
            ManifestPath = manifestPath,
        };
        return (task, engine);
    }

    /// <summary>An <see cref="IBuildEngine"/> that records what the task logs.</summary>
    private sealed class RecordingBuildEngine : IBuildEngine
    {
        public List<(string Code, string Message, string? HelpLink)> Errors { get; } = [];

        public List<string> Warnings { get; } = [];

        public List<(MessageImportance Importance, string Message)> Messages { get; } = [];

        public IEnumerable<string> HighMessages =>
            Messages.Where(m => m.Importance == MessageImportance.High).Select(m => m.Message).ToList();

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "Test.csproj";

        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add((e.Code ?? string.Empty, e.Message ?? string.Empty, e.HelpLink));

        public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e.Message ?? string.Empty);

        public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add((e.Importance, e.Message ?? string.Empty));

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
            throw new NotSupportedException();
    }
}
