using Flash.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Flash.Tests.Generator;

/// <summary>The generated sources of samples/Quickstart, compared with checked-in baselines.</summary>
public sealed class SampleOutputTests
{
    private static GeneratorRun RunSample() =>
        GeneratorHarness.Run(GeneratorHarness.Compile(GeneratorHarness.SampleSources(), "Quickstart", OutputKind.ConsoleApplication));

    [Test]
    public void Generated_sources_match_their_baselines()
    {
        var run = RunSample();

        // One shim per endpoint (named by its declaring method or class, then a hash of its identity) in the shim files,
        // the typed manifest and, since the compilation references Flash.Client, the clients of the endpoints.
        Assert.That(run.ShimClasses.Select(c => System.Text.RegularExpressions.Regex.Replace(c, "_[0-9a-f]{16}$", string.Empty)), Is.EquivalentTo(new[]
        {
            "Shim_Quickstart_InferenceApi",
            "Shim_Quickstart_Storage_Infer",
            "Shim_Quickstart_Storage_Persist",
            "Shim_Quickstart_Storage_Process",
            "Shim_Quickstart_Streaming_Words",
        }));
        Assert.That(run.Sources.Keys.Where(k => k is not ("FlashManifest.g.cs" or "FlashClients.g.cs")), Is.Not.Empty.And.All.Match("^FlashShims[0-9]{2}\\.g\\.cs$"));
        foreach (var (hintName, text) in run.Sources.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Baseline.AssertMatches("Quickstart." + hintName.Replace(".g.cs", ".generated.txt", StringComparison.Ordinal), text);
        }
    }

    [Test]
    public void Manifest_matches_its_golden_file()
    {
        var manifest = RunSample().ManifestJson;

        ManifestSchema.AssertValid(manifest);
        Baseline.AssertMatches("Quickstart.flash_manifest.json", manifest);
    }

    [Test]
    public void The_schema_file_follows_the_manifest_contract() =>
        Baseline.AssertFileMatches(Path.Combine(RepoPaths.Docs, "flash-manifest.schema.json"), ManifestSchemaWriter.Write());

    [Test]
    public void The_manifest_docs_list_the_contracts_fields()
    {
        var path = Path.Combine(RepoPaths.Docs, "manifest.md");

        Baseline.AssertFileMatches(path, ManifestSchemaWriter.WithFieldTable(File.ReadAllText(path)));
    }

    [Test]
    public void The_schema_rejects_what_the_writer_never_produces()
    {
        var manifest = RunSample().ManifestJson;

        Assert.That(ManifestSchema.IsValid(manifest), Is.True);
        Assert.That(ManifestSchema.IsValid(manifest.Replace("\"version\": \"2.0\"", "\"version\": \"1.1\"", StringComparison.Ordinal)), Is.False);
        Assert.That(ManifestSchema.IsValid(manifest.Replace("\"scalerType\": \"QUEUE_DELAY\"", "\"scalerType\": \"CONCURRENCY\"", StringComparison.Ordinal)), Is.False);
        Assert.That(ManifestSchema.IsValid(manifest.Replace("\"version\": \"2.0\",", "\"version\": \"2.0\", \"generated_at\": \"2026-01-01\",", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public void Same_declarations_give_the_same_bytes_whatever_the_file_order()
    {
        var sources = GeneratorHarness.SampleSources().ToList();
        var forward = GeneratorHarness.Run(GeneratorHarness.Compile(sources, "Quickstart", OutputKind.ConsoleApplication));
        sources.Reverse();
        var backward = GeneratorHarness.Run(GeneratorHarness.Compile(sources, "Quickstart", OutputKind.ConsoleApplication));

        Assert.That(backward.ManifestJson, Is.EqualTo(forward.ManifestJson));
        Assert.That(backward.Sources, Is.EquivalentTo(forward.Sources));
    }
}
