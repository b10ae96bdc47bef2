namespace Flash.Client;

/// <summary>What a client reads from the machine it runs on: variables, the home directory, the current directory.</summary>
/// <param name="Variable">A variable's value, or null.</param>
/// <param name="HomeDirectory">The user's home directory (where <c>~/.runpod/config.toml</c> is).</param>
/// <param name="CurrentDirectory">Where the search for <c>.flash/state.json</c> starts.</param>
internal sealed record ClientEnvironment(Func<string, string?> Variable, string HomeDirectory, string CurrentDirectory)
{
    /// <summary>The process's own, as it is now.</summary>
    public static ClientEnvironment Process => new(
        Environment.GetEnvironmentVariable,
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        Directory.GetCurrentDirectory());
}
