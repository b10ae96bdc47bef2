using Json.Schema;

namespace Flash.Tests.Infrastructure;

/// <summary>Validates manifests against docs/flash-manifest.schema.json, the schema users read.</summary>
internal static class ManifestSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Docs, "flash-manifest.schema.json"))));

    public static void AssertValid(string manifestJson)
    {
        var result = Schema.Value.Evaluate(System.Text.Json.JsonDocument.Parse(manifestJson).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
        Assert.That(result.IsValid, Is.True, "the manifest does not match docs/flash-manifest.schema.json:\n" + string.Join("\n", errors));
    }

    public static bool IsValid(string manifestJson) =>
        Schema.Value.Evaluate(System.Text.Json.JsonDocument.Parse(manifestJson).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid;
}
