using System.Text.Json;

namespace Flash.Workers.Local;

/// <summary>
/// Local test mode: runs one job given as <c>{"input": …}</c>, prints the result body and, with an expected result,
/// compares the two as JSON values.
/// </summary>
internal static class TestRun
{
    /// <summary>The file runpod-python reads when no test input is given.</summary>
    public const string InputFile = "test_input.json";

    /// <summary>Runs the job; 0 for a result as expected, 1 for an error result or a mismatch.</summary>
    public static async Task<int> RunAsync(EndpointRunner runner, string job, string? expected, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var outcome = await RunJobAsync(runner, job, cancellationToken).ConfigureAwait(false);
        var result = outcome.Result;
        var printed = result.ToResultJson();
        await stdout.WriteLineAsync(printed).ConfigureAwait(false);
        if (outcome.Unfinished is not null)
        {
            // The process ends with this method: a method that ignores its token is not waited for.
            await stderr.WriteLineAsync("The method ignores its cancellation and is still running; the test does not wait for it.").ConfigureAwait(false);
        }

        if (expected is null)
        {
            return result.IsError ? 1 : 0;
        }

        if (!TryParse(expected, out var want, out var problem))
        {
            await stderr.WriteLineAsync($"--test-output is not valid JSON ({problem}); write the expected result, e.g. '{{\"output\": …}}'.").ConfigureAwait(false);
            return 1;
        }

        using (want)
        using (var got = JsonDocument.Parse(printed))
        {
            if (JsonValues.Equal(got.RootElement, want!.RootElement))
            {
                await stderr.WriteLineAsync("The result matches --test-output.").ConfigureAwait(false);
                return 0;
            }
        }

        await stderr.WriteLineAsync($"The result does not match --test-output.\n  expected: {expected.Trim()}\n  actual:   {printed}").ConfigureAwait(false);
        return 1;
    }

    /// <summary>Runs one job text; malformed text is an error result.</summary>
    public static async Task<JobOutcome> RunJobAsync(EndpointRunner runner, string job, CancellationToken cancellationToken)
    {
        if (!TryParse(job, out var document, out var problem))
        {
            return new JobOutcome(JobResult.Failure($"The job is not valid JSON ({problem}); write it as {{\"input\": {{…}}}}."), false);
        }

        using (document)
        {
            if (document!.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("input", out var input))
            {
                return new JobOutcome(JobResult.Failure("The job has no \"input\": write it as {\"input\": {…}}."), false);
            }

            var id = document.RootElement.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : "local-test";
            return await runner.RunAsync(input, id, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool TryParse(string text, out JsonDocument? document, out string? problem)
    {
        try
        {
            document = JsonDocument.Parse(text);
            problem = null;
            return true;
        }
        catch (JsonException ex)
        {
            document = null;
            problem = ex.Message;
            return false;
        }
    }
}

/// <summary>Compares JSON values: objects by their properties in any order, arrays in order, numbers by value.</summary>
internal static class JsonValues
{
    public static bool Equal(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var left = a.EnumerateObject().ToList();
                var right = b.EnumerateObject().ToList();
                return left.Count == right.Count && left.All(p => b.TryGetProperty(p.Name, out var other) && Equal(p.Value, other));
            case JsonValueKind.Array:
                return a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(pair => Equal(pair.First, pair.Second));
            case JsonValueKind.String:
                return a.GetString() == b.GetString();
            case JsonValueKind.Number:
                return a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y) ? x == y : a.GetRawText() == b.GetRawText();
            default:
                return true;
        }
    }
}
