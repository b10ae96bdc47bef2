using System.Diagnostics;
using System.Text.Json;

namespace Flash.Tests.Infrastructure;

/// <summary>Asks MSBuild about a project (<c>dotnet msbuild PROJECT -getProperty:… -getItem:…</c>) and reads its JSON answer.</summary>
internal static class MsBuildQuery
{
    public static JsonDocument Run(string project, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["msbuild", project, .. arguments])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, output + error.Result);
        return JsonDocument.Parse(output);
    }
}
