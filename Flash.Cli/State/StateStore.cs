using System.Text.Json;
using System.Text.Json.Serialization;
using Flash.Cli.Cli;

namespace Flash.Cli.State;

/// <summary>
/// Reads and writes <c>.flash/state.json</c> in the working directory. Commands that change anything hold
/// <c>.flash/state.lock</c> exclusively for their whole run, so two deploys from one directory never interleave; every
/// write goes to a temporary file that then replaces the state in one rename, so the file is always complete.
/// </summary>
internal sealed class StateStore : IDisposable
{
    public const string DirectoryName = ".flash";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        IndentSize = 2,
    };

    private readonly FileStream? lockFile;

    private StateStore(string directory, FileStream? lockFile)
    {
        Directory = directory;
        Path = System.IO.Path.Combine(directory, "state.json");
        this.lockFile = lockFile;
    }

    public string Directory { get; }

    public string Path { get; }

    /// <summary>Opens the store for reading only (plan, status): no lock, and nothing is created.</summary>
    public static StateStore OpenForReading(CliEnvironment env) =>
        new(System.IO.Path.Combine(env.WorkingDirectory, DirectoryName), null);

    /// <summary>Opens the store for changes: creates <c>.flash/</c> and takes its lock, or fails when another command holds it.</summary>
    public static StateStore OpenForWriting(CliEnvironment env)
    {
        var directory = System.IO.Path.Combine(env.WorkingDirectory, DirectoryName);
        System.IO.Directory.CreateDirectory(directory);
        var lockPath = System.IO.Path.Combine(directory, "state.lock");
        try
        {
            return new StateStore(directory, new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw new FlashCliException(
                $"Another flash command is changing this app's resources ({env.Display(lockPath)} is locked). Wait for it to finish, then run this again.");
        }
    }

    public bool Exists => File.Exists(Path);

    public DeployState Load(CliEnvironment env)
    {
        if (!File.Exists(Path))
        {
            return new DeployState();
        }

        DeployState? state;
        try
        {
            state = JsonSerializer.Deserialize<DeployState>(File.ReadAllText(Path), Json);
        }
        catch (JsonException e)
        {
            throw new FlashCliException(
                $"{env.Display(Path)} is not a flash state file ({e.Message}). Repair it, or move it away: flash then finds its " +
                "endpoints by name and template, and reuses volumes by name and datacenter.");
        }

        if (state is null || state.Version != DeployState.CurrentVersion)
        {
            throw new FlashCliException(
                $"{env.Display(Path)} has state version {state?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}; " +
                $"this flash reads version {DeployState.CurrentVersion}.");
        }

        return state;
    }

    /// <summary>Writes the state atomically: a complete temporary file, flushed, then renamed over the old one.</summary>
    public void Save(DeployState state)
    {
        if (lockFile is null)
        {
            throw new InvalidOperationException("The state store was opened for reading only.");
        }

        state.Endpoints = state.Endpoints.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary();
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, state, Json);
            stream.WriteByte((byte)'\n');
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    public void Dispose() => lockFile?.Dispose();
}
