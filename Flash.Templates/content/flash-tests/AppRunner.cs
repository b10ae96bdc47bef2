using System.Diagnostics;
using System.Reflection;

namespace FlashApp.Tests;

/// <summary>Runs one job on the built app in its local test mode (<c>--test-input</c>), as a separate process.</summary>
internal static class AppRunner
{
    private static readonly string AppProject = Metadata("AppProject");
    private static readonly string AppConfiguration = Metadata("AppConfiguration");

    /// <summary>Runs <paramref name="input"/> on endpoint <paramref name="endpoint"/>; returns the exit code and the printed result.</summary>
    public static async Task<(int ExitCode, string Output)> RunJobAsync(string endpoint, string input)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     "run", "--project", AppProject, "--no-build", "-c", AppConfiguration, "--",
                     "--endpoint", endpoint, "--test-input", input,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        TestContext.Out.WriteLine(await errors);
        // The result is the last line; the lines before it are the app's log.
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (process.ExitCode, lines.Length == 0 ? "" : lines[^1]);
    }

    private static string Metadata(string key) =>
        typeof(AppRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"The test assembly has no value for {key}.");
}
