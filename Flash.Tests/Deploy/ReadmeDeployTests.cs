using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Flash.Tests.Infrastructure;

namespace Flash.Tests.Deploy;

/// <summary>
/// The README's walkthrough "Try it against a local stand-in for RunPod", run as written: the first block starts the
/// fake (on a free port instead of 5757), the second runs in bash, as real processes, against it.
/// </summary>
public sealed partial class ReadmeDeployTests
{
    private const string Heading = "### Try it against a local stand-in for RunPod";

    [Test]
    public async Task The_readme_deploy_walkthrough_works_end_to_end_against_the_fake()
    {
        var (startFake, session) = WalkthroughBlocks();
        Assert.That(startFake, Is.EqualTo("dotnet run --project Flash.FakeRunPod -- --port 5757 --api-key local-test-key"));
        Assert.That(session, Does.Contain("127.0.0.1:5757"));

        using var fake = Start("bash", ["-c", "exec " + startFake.Replace("--port 5757", "--port 0", StringComparison.Ordinal)]);
        var listening = await ReadLineAsync(fake, TimeSpan.FromMinutes(5));
        var address = ListeningAddress().Match(listening ?? "");
        Assert.That(address.Success, Is.True, $"the fake did not say where it listens; it printed: {listening}");
        try
        {
            var standIn = address.Groups[1].Value;
            var script = "set -euo pipefail\n" + session.Replace("127.0.0.1:5757", standIn, StringComparison.Ordinal);
            var (code, output) = await RunAsync("bash", ["-c", script], TimeSpan.FromMinutes(8));

            Assert.That(code, Is.EqualTo(0), output);
            Assert.That(output, Does.Contain("Plan: 5 endpoint(s) to create, 0 to update, 0 to take over, 0 unchanged; 4 network volume(s) to create, 0 to reuse."));
            Assert.That(output, Does.Contain("  created endpoint persistent-storage (ep-0004)"));
            Assert.That(output, Does.Contain($"  global-inference    POST http://{standIn}/v2/ep-0001/runsync\n"), "the URLs follow the stand-in, not RunPod");
            Assert.That(output, Does.Contain($"  inference-api       POST http://ep-0002.{standIn}/generate\n"));
            Assert.That(output, Does.Contain($"                      GET http://ep-0002.{standIn}/models\n"));
            Assert.That(output, Does.Contain("Plan: 0 endpoint(s) to create, 0 to update, 0 to take over, 5 unchanged; 0 network volume(s) to create, 0 to reuse. Nothing to change."));
            Assert.That(output, Does.Contain($"  global-inference    QB    ep-0001      yes        0..1     POST http://{standIn}/v2/ep-0001/runsync\n"));
            Assert.That(output, Does.Not.Contain("runpod.ai").And.Not.Contain("runpod.io"), "nothing points at RunPod");

            // staging beside production: five endpoints of its own with the newer image, the volumes reused.
            Assert.That(output, Does.Contain("Plan: 5 endpoint(s) to create, 0 to update, 0 to take over, 0 unchanged; 0 network volume(s) to create, 4 to reuse."));
            Assert.That(output, Does.Contain("  created endpoint global-inference (ep-0006)"));
            Assert.That(output, Does.Match(@"\n  production +\.flash/state\.json +global-inference +ep-0001 +live\n"));
            Assert.That(output, Does.Match(@"\n  staging +\.flash/staging/state\.json +global-inference +ep-0006 +live\n"));
            Assert.That(output, Does.Contain("  deleted endpoint global-inference (ep-0006)"));
            Assert.That(output, Does.Contain("Deleted environment staging."));

            // production after staging is gone: flash status above found ep-0001 on the stand-in; then it is removed.
            Assert.That(output, Does.Contain("  deleted endpoint large-temp-storage (ep-0003)"));
            Assert.That(output, Does.Not.Contain("local-test-key"));
            Assert.That(Directory.EnumerateFiles(Path.Combine(RepoPaths.Sample, ".flash"), "*", SearchOption.AllDirectories)
                .Where(f => File.ReadAllText(f).Contains("local-test-key", StringComparison.Ordinal)), Is.Empty, "the key is in no file flash wrote");
        }
        finally
        {
            fake.Kill(entireProcessTree: true);
            Directory.Delete(Path.Combine(RepoPaths.Sample, ".flash"), recursive: true);
        }
    }

    /// <summary>The first two sh blocks under the walkthrough's heading.</summary>
    private static (string StartFake, string Session) WalkthroughBlocks()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).Replace("\r\n", "\n");
        var at = readme.IndexOf(Heading, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThan(0), $"README.md has no '{Heading}'");
        var blocks = ShellBlock().Matches(readme[at..]).Select(m => m.Groups[1].Value.TrimEnd('\n')).ToList();
        Assert.That(blocks, Has.Count.GreaterThanOrEqualTo(2));
        return (blocks[0], blocks[1]);
    }

    private static Process Start(string file, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The test host's MSBuild variables would steer the nested builds; and no build server may outlive them.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["UseSharedCompilation"] = "false";
        info.Environment.Remove("RUNPOD_API_KEY");
        return Process.Start(info)!;
    }

    private static async Task<string?> ReadLineAsync(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await process.StandardOutput.ReadLineAsync(cts.Token);
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, IReadOnlyList<string> args, TimeSpan timeout)
    {
        using var process = Start(file, args);
        process.StandardInput.Close();
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{string.Join(' ', args)}' did not finish within {timeout}.");
        }

        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }

    [GeneratedRegex("```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"RUNPOD_API_BASE_URL=http://(127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningAddress();
}
