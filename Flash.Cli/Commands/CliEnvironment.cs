namespace Flash.Cli.Commands;

/// <summary>
/// Everything a command reads from its surroundings: the working directory, environment variables, the home directory
/// (for <c>~/.runpod/config.toml</c>) and the standard streams. The process passes its own; tests pass their own, so
/// commands run in-process without touching process-wide state.
/// </summary>
internal sealed record CliEnvironment(
    string WorkingDirectory,
    Func<string, string?> GetVariable,
    string HomeDirectory,
    TextReader In,
    TextWriter Out,
    TextWriter Error)
{
    public static CliEnvironment FromProcess() => new(
        Directory.GetCurrentDirectory(),
        Environment.GetEnvironmentVariable,
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        Console.In,
        Console.Out,
        Console.Error);

    /// <summary>A path relative to the working directory when it lies below it (shorter, and no machine path), else as given.</summary>
    public string Display(string path)
    {
        var relative = Path.GetRelativePath(WorkingDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    /// <summary>A path given on the command line, resolved against the working directory.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);
}
