using System.Globalization;
using System.Text.RegularExpressions;

namespace Flash.Tests.Deploy;

/// <summary>
/// Every command, fed damaged state files, credentials, settings and manifests against the recording fake of RunPod,
/// ends with exit code 0, 1 or 2 and, on an error, one clear message: never an unhandled exception, never a stack
/// trace, never the API key in any output or file. The cases come from one seed, printed, so a failure is reproduced
/// by running again with it (FLASH_GARBAGE_SEED=N).
/// </summary>
public sealed partial class GarbageInputTests
{
    private const int DefaultSeed = 1729;

    private const int Cases = 480;

    private static readonly string[][] Commands =
    [
        ["plan", "--image", CliHarness.Image],
        ["plan", "--offline", "--image", CliHarness.Image],
        ["deploy", "--yes", "--image", CliHarness.Image],
        ["undeploy", "--all", "--yes"],
        ["undeploy", "NAME"],
        ["status"],
    ];

    [Test]
    public async Task No_damaged_input_makes_a_command_crash_print_a_stack_trace_or_show_the_key()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FLASH_GARBAGE_SEED"), CultureInfo.InvariantCulture, out var given) ? given : DefaultSeed;
        TestContext.Progress.WriteLine($"Garbage input seed: {seed} (FLASH_GARBAGE_SEED={seed} runs these cases again)");
        var garbage = new Garbage(new Random(seed));

        await using var h = await CliHarness.StartAsync();
        await h.DeployAsync();
        var validState = await File.ReadAllTextAsync(h.StatePath);
        var validManifest = CliHarness.SampleManifest;
        var failures = new List<string>();
        var exitCodes = new int[3];

        for (var i = 0; i < Cases; i++)
        {
            var inputs = Arrange(h, garbage, validState, validManifest);
            var args = Commands[i % Commands.Length].Select(a => a == "NAME" ? garbage.Pick(["global-inference", "word-stream", "unknown"]) : a).ToArray();
            var description = $"case {i} (seed {seed}): flash {string.Join(' ', args)} with {(inputs.Description.Length > 400 ? inputs.Description[..400] + "…" : inputs.Description)}";

            CliRun run;
            try
            {
                run = await h.RunWithInputAsync("y\n", args);
            }
            catch (Exception e)
            {
                failures.Add($"{description}: threw {e.GetType().Name}: {e.Message}");
                continue;
            }

            var problem = Problem(run, inputs.Secrets, h.AppDirectory);
            if (problem is not null)
            {
                failures.Add($"{description}: {problem}\n{run.All}");
            }
            else
            {
                exitCodes[run.ExitCode]++;
            }
        }

        TestContext.Progress.WriteLine($"Exit codes over {Cases} cases: 0: {exitCodes[0]}, 1: {exitCodes[1]}, 2: {exitCodes[2]}");
        Assert.That(failures, Is.Empty, $"{failures.Count} of {Cases} cases failed; the first ones:\n" + string.Join("\n\n", failures.Take(5)));
        Assert.That(exitCodes[0], Is.GreaterThan(Cases / 10), "enough cases get through to RunPod to exercise the commands past their checks");
        Assert.That(exitCodes[1], Is.GreaterThan(Cases / 4), "enough cases are refused to exercise the checks");
    }

    /// <summary>What went wrong with a run, or null: the exit code, a stack trace, an unclear failure, the key anywhere.</summary>
    private static string? Problem(CliRun run, IReadOnlyList<string> secrets, string appDirectory)
    {
        if (run.ExitCode is not (0 or 1 or 2))
        {
            return $"exit code {run.ExitCode}";
        }

        if (StackFrame().IsMatch(run.All) || run.All.Contains("Unhandled exception", StringComparison.Ordinal))
        {
            return "a stack trace";
        }

        if (run.ExitCode == 1 && !run.Error.StartsWith("error: ", StringComparison.Ordinal) && !run.Out.EndsWith("Nothing was changed.\n", StringComparison.Ordinal))
        {
            return "exit code 1 without an error message";
        }

        foreach (var secret in secrets)
        {
            if (run.All.Contains(secret, StringComparison.Ordinal))
            {
                return "the key in the output";
            }

            foreach (var file in Directory.EnumerateFiles(appDirectory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            {
                if (File.ReadAllText(file).Contains(secret, StringComparison.Ordinal))
                {
                    return "the key in " + file;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Lays out one case: each of the state, the manifest, the key and the settings is damaged or left valid at random
    /// (the valid ones let a command reach RunPod with the damaged ones).
    /// </summary>
    private static (string Description, IReadOnlyList<string> Secrets) Arrange(CliHarness h, Garbage garbage, string validState, string validManifest)
    {
        var flash = Path.Combine(h.AppDirectory, ".flash");
        if (File.Exists(flash))
        {
            File.Delete(flash);
        }
        else if (Directory.Exists(flash))
        {
            Directory.Delete(flash, recursive: true);
        }

        var runpod = Path.Combine(h.Home, ".runpod");
        if (Directory.Exists(runpod))
        {
            Directory.Delete(runpod, recursive: true);
        }

        var parts = new List<string>();
        var (manifest, manifestDamage) = garbage.Next(3) == 0 ? garbage.Manifest(validManifest) : (validManifest, "");
        File.WriteAllText(h.ManifestPath, manifest);
        parts.Add(manifestDamage.Length > 0 ? "manifest: " + manifestDamage : "the sample manifest");

        switch (garbage.Next(8))
        {
            case 0:
                parts.Add("no state");
                break;
            case 1:
                Directory.CreateDirectory(h.StatePath);
                parts.Add("a directory for the state");
                break;
            case 2:
                File.WriteAllText(flash, "");
                parts.Add("a file for .flash");
                break;
            case 3:
                Directory.CreateDirectory(flash);
                File.WriteAllText(h.StatePath, validState);
                parts.Add("the valid state");
                break;
            default:
                Directory.CreateDirectory(flash);
                var (state, stateDamage) = garbage.Json(validState);
                File.WriteAllText(h.StatePath, state);
                parts.Add("state: " + stateDamage);
                break;
        }

        var (key, secrets, keyDamage) = garbage.Key(CliHarness.ApiKey);
        h.Variables.Remove("RUNPOD_API_KEY");
        switch (garbage.Next(3))
        {
            case 0:
                h.Variables["RUNPOD_API_KEY"] = key;
                parts.Add("RUNPOD_API_KEY: " + keyDamage);
                break;
            case 1:
                var (config, configDamage) = garbage.Config(key);
                File.WriteAllText(Path.Combine(Directory.CreateDirectory(runpod).FullName, "config.toml"), config);
                parts.Add($"config.toml: {configDamage}, {keyDamage}");
                break;
            default:
                h.Variables["RUNPOD_API_KEY"] = CliHarness.ApiKey;
                secrets = [CliHarness.ApiKey];
                parts.Add("the valid key");
                break;
        }

        h.Variables["RUNPOD_ENDPOINT_BASE_URL"] = garbage.Pick(["https://api.runpod.ai/v2", "https://api.runpod.ai/v2", "https://api.runpod.ai/v2", "https://api.runpod.ai/v2", "not a url", "ftp://x", " "]);
        return (string.Join("; ", parts), secrets);
    }

    [GeneratedRegex(@"^\s+at ", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
