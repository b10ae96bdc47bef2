using System.Globalization;

namespace Flash.Workers;

/// <summary>What the command line asks for.</summary>
internal enum WorkerMode
{
    /// <summary>Chosen from the environment: queue worker, load-balanced server or ./test_input.json.</summary>
    Auto,

    /// <summary>Print the help text.</summary>
    Help,

    /// <summary><c>serve</c>: the local dev server.</summary>
    Serve,
}

/// <summary>The parsed command line of a worker.</summary>
internal sealed record WorkerCommand(
    WorkerMode Mode,
    string? Endpoint,
    string? TestInput,
    string? TestOutput,
    int Port,
    string Host)
{
    /// <summary>The dev server's port when none is given (the one runpod-python's local API uses).</summary>
    public const int DefaultServePort = 8000;

    /// <summary>Parses the arguments; <paramref name="error"/> says what is wrong when it returns null.</summary>
    public static WorkerCommand? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var mode = WorkerMode.Auto;
        string? endpoint = null, testInput = null, testOutput = null, host = null;
        int? port = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inline) = Split(arg);
            switch (name)
            {
                case "-h" or "--help" or "help":
                    return new WorkerCommand(WorkerMode.Help, null, null, null, DefaultServePort, "127.0.0.1");
                case "serve":
                    mode = WorkerMode.Serve;
                    continue;
                case "--endpoint" or "--test-input" or "--test_input" or "--test-output" or "--port" or "--host":
                    var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
                    if (value is null)
                    {
                        error = $"The option {name} needs a value.";
                        return null;
                    }

                    switch (name)
                    {
                        case "--endpoint":
                            endpoint = value;
                            break;
                        case "--test-input" or "--test_input":
                            testInput = value;
                            break;
                        case "--test-output":
                            testOutput = value;
                            break;
                        case "--host":
                            host = value;
                            break;
                        default:
                            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > 65535)
                            {
                                error = $"The port '{value}' is not a number from 1 to 65535.";
                                return null;
                            }

                            port = parsed;
                            break;
                    }

                    continue;
                default:
                    error = $"Unknown argument '{arg}'.";
                    return null;
            }
        }

        if (mode != WorkerMode.Serve && (port is not null || host is not null))
        {
            error = "--port and --host belong to the dev server: write `serve --port N`.";
            return null;
        }

        if (mode == WorkerMode.Serve && testInput is not null)
        {
            error = "serve and --test-input do not go together: serve answers HTTP requests, --test-input runs one job.";
            return null;
        }

        if (testOutput is not null && testInput is null)
        {
            error = "--test-output compares the result of --test-input: give both.";
            return null;
        }

        return new WorkerCommand(mode, endpoint, testInput, testOutput, port ?? DefaultServePort, host ?? "127.0.0.1");
    }

    private static (string Name, string? Inline) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }
}
