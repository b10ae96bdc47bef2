using System.Diagnostics;
using Flash.Cli.Commands;

namespace Flash.Cli.Dev;

/// <summary>
/// The built app a manifest belongs to: the build writes <c>flash/flash_manifest.json</c> beside the app's
/// <c>&lt;project_name&gt;.dll</c> (and its apphost, when the project has one), so the folder above <c>flash/</c> holds it.
/// </summary>
internal sealed class DevApp
{
    private DevApp(string directory, string dll, string? appHost) => (Directory, Dll, AppHost) = (directory, dll, appHost);

    public string Directory { get; }

    public string Dll { get; }

    /// <summary>The native launcher, started directly when present; else <c>dotnet App.dll</c>.</summary>
    public string? AppHost { get; }

    public static DevApp Locate(string manifestPath, string projectName, CliEnvironment env)
    {
        var manifestDirectory = Path.GetDirectoryName(manifestPath)!;
        var directory = Path.GetFileName(manifestDirectory) == "flash" ? Path.GetDirectoryName(manifestDirectory)! : manifestDirectory;
        var dll = Path.Combine(directory, projectName + ".dll");
        if (!File.Exists(dll))
        {
            throw new FlashCliException(
                $"The app '{projectName}' of the manifest {env.Display(manifestPath)} is not built: there is no {env.Display(dll)}. " +
                "Run dotnet build in the app's project directory, then flash dev again.");
        }

        var appHost = Path.Combine(directory, OperatingSystem.IsWindows() ? projectName + ".exe" : projectName);
        return new DevApp(directory, dll, File.Exists(appHost) ? appHost : null);
    }

    /// <summary>How to start one worker of the app; the caller adds the variables.</summary>
    public ProcessStartInfo StartInfo()
    {
        var info = new ProcessStartInfo(AppHost ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        if (AppHost is null)
        {
            info.ArgumentList.Add(Dll);
        }

        return info;
    }
}
