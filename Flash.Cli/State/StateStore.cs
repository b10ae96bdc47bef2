using System.Text.Json;
using Flash.Cli.Commands;
using Flash.Cli.Deploy;
using Flash.Client;

namespace Flash.Cli.State;

/// <summary>
/// Reads and writes the state of one environment in the working directory: <c>.flash/state.json</c> for production (where
/// it was before environments existed, so an app deployed then is its production), <c>.flash/NAME/state.json</c> for
/// environment NAME, each with its own lock. Opening and loading touch nothing, so a command
/// that stops on bad input, missing credentials or a refusal from RunPod leaves the project as it was. A command that
/// changes resources takes <c>.flash/state.lock</c> (<see cref="LockForChanges"/>) right before its first change and
/// holds it to the end, so two commands from one directory never interleave; every write goes to a temporary file that
/// then replaces the state in one rename, so the file is always complete.
/// </summary>
/// <remarks>
/// The lock is the operating system's lock on the open file, not the file's presence: it ends with the process that
/// holds it, a crashed one included, so a leftover file never blocks a later run. The file stays when the command ends.
/// Removing it would let a command that opened it just before the removal lock the orphaned file while the next one
/// creates and locks a new file of the same name: two holders. Kept, it is created once, next to the state.
/// </remarks>
internal sealed class StateStore : IDisposable
{
    public const string DirectoryName = EndpointSettings.StateDirectory;

    private readonly CliEnvironment _env;
    private FileStream? _lockFile;
    private string? _loadedText;

    private StateStore(CliEnvironment env, AppEnvironment environment)
    {
        _env = env;
        Environment = environment;
        Path = System.IO.Path.GetFullPath(environment.StateFile, env.WorkingDirectory);
        Directory = System.IO.Path.GetDirectoryName(Path)!;
        LockPath = System.IO.Path.Combine(Directory, "state.lock");
    }

    /// <summary>The environment whose state this is.</summary>
    public AppEnvironment Environment { get; }

    public string Directory { get; }

    public string Path { get; }

    public string LockPath { get; }

    public bool Exists => File.Exists(Path);

    /// <summary>Opens the store of <paramref name="environment"/> (default production) in the working directory; creates nothing.</summary>
    public static StateStore Open(CliEnvironment env, AppEnvironment? environment = null) => new(env, environment ?? AppEnvironment.Production);

    /// <summary>The environments that have a state in the working directory: production first, then the others by name.</summary>
    public static IReadOnlyList<AppEnvironment> Environments(CliEnvironment env)
    {
        var root = System.IO.Path.Combine(env.WorkingDirectory, DirectoryName);
        if (!System.IO.Directory.Exists(root))
        {
            return [];
        }

        var others = System.IO.Directory.GetDirectories(root)
            .Select(System.IO.Path.GetFileName)
            .Where(name => name is not null && name != AppEnvironment.DefaultName && EndpointSettings.IsEnvironmentName(name))
            .Select(name => AppEnvironment.Parse(name!))
            .Order(Comparer<AppEnvironment>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name)));
        return others.Prepend(AppEnvironment.Production).Where(e => File.Exists(new StateStore(env, e).Path)).ToList();
    }

    /// <summary>Reads and checks the state; no file is an empty state.</summary>
    public DeployState Load()
    {
        _loadedText = ReadText();
        return _loadedText is null ? new DeployState() : StateFile.Parse(_loadedText, _env.Display(Path));
    }

    /// <summary>Stops early, before asking RunPod anything, when another command holds the lock. Creates nothing.</summary>
    public void ThrowIfLocked()
    {
        if (!File.Exists(LockPath))
        {
            return;
        }

        using var probe = OpenLock(FileMode.Open);
    }

    /// <summary>
    /// Takes the lock for the rest of the command, creating <c>.flash/</c> when needed, and makes sure the state is still
    /// the one <see cref="Load"/> read: a command that changed it in between (it planned against an older state) stops.
    /// </summary>
    public void LockForChanges()
    {
        if (_lockFile is not null)
        {
            return;
        }

        try
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FlashCliException($"Cannot create {_env.Display(Directory)}: {Reason(e)}.");
        }

        _lockFile = OpenLock(FileMode.OpenOrCreate);

        if (ReadText() != _loadedText)
        {
            throw new FlashCliException(
                $"{_env.Display(Path)} changed while this command was planning (another flash command ran from here). Nothing was changed; run this again.");
        }
    }

    /// <summary>Writes the state atomically: a complete temporary file, flushed, then renamed over the old one.</summary>
    public void Save(DeployState state)
    {
        if (_lockFile is null)
        {
            throw new InvalidOperationException("The state is saved only under the lock: call LockForChanges first.");
        }

        state.Endpoints = state.Endpoints.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary();
        var temporary = Path + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, state, StateFile.Json);
                stream.WriteByte((byte)'\n');
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FlashCliException(
                $"Cannot write {_env.Display(Path)}: {Reason(e)}. What this command changed since its last write is not recorded; " +
                "once the file can be written, run it again: " + StateFile.Recovery);
        }
    }

    /// <summary>
    /// Removes the state file, under the lock, once it records nothing on RunPod; the lock file stays (see the remarks
    /// on this class).
    /// </summary>
    public void Delete()
    {
        if (_lockFile is null)
        {
            throw new InvalidOperationException("The state is deleted only under the lock: call LockForChanges first.");
        }

        try
        {
            File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FlashCliException($"Cannot delete {_env.Display(Path)}: {Reason(e)}. It records no endpoint any more; delete it by hand.");
        }
    }

    public void Dispose() => _lockFile?.Dispose();

    /// <summary>The file's text, or null when there is none; a directory or an unreadable file in its place is an error.</summary>
    private string? ReadText()
    {
        if (File.Exists(Directory))
        {
            throw new FlashCliException(
                $"{_env.Display(Directory)} is a file; flash keeps its state in a directory of that name. Move the file away, then run this again.");
        }

        if (System.IO.Directory.Exists(Path))
        {
            throw new FlashCliException(
                $"{_env.Display(Path)} is a directory, not a flash state file. Move it away: {StateFile.Recovery}");
        }

        try
        {
            return File.Exists(Path) ? File.ReadAllText(Path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FlashCliException(
                $"Cannot read {_env.Display(Path)}: {Reason(e)}. Make it readable, or move it away: {StateFile.Recovery}");
        }
    }

    /// <summary>Opens the lock file exclusively; the operating system refuses while another process has it so.</summary>
    private FileStream OpenLock(FileMode mode)
    {
        try
        {
            return new FileStream(LockPath, mode, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new FlashCliException(
                $"Another flash command is changing this app's resources ({_env.Display(LockPath)} is locked). Wait for it to finish, then run this again.");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new FlashCliException($"Cannot open {_env.Display(LockPath)}: {Reason(e)}.");
        }
    }

    private static string Reason(Exception e) => e.Message.TrimEnd('.');
}
