using System.CommandLine;
using Flash.Cli.Deploy;
using Flash.Cli.Dev;
using Flash.Cli.Manifest;
using Flash.Cli.RunPod;
using Flash.Cli.State;

namespace Flash.Cli.Commands;

/// <summary>The <c>flash</c> commands: plan, deploy, undeploy, status, env, dev.</summary>
internal static class FlashCommandLine
{
    /// <summary>Runs one command line; returns the exit code (0 done, 1 error, 2 plan with changes under --detailed-exitcode, or options flash dev cannot start with).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="env">The working directory, variables and streams.</param>
    /// <param name="handler">An HTTP handler for RunPod calls (tests), or null for the default.</param>
    /// <param name="ct">Cancels the command.</param>
    public static Task<int> RunAsync(string[] args, CliEnvironment env, HttpMessageHandler? handler = null, CancellationToken ct = default)
    {
        var root = new RootCommand("Plan and deploy a Flash for .NET app (its flash_manifest.json) to RunPod Serverless, or run it locally (flash dev).")
        {
            PlanCommand(env, handler),
            DeployCommand(env, handler),
            UndeployCommand(env, handler),
            StatusCommand(env, handler),
            EnvCommand.Create(env, handler),
            DevCommand.Create(env),
        };
        SettingsHelp.AddTo(root);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.CommandResult.Command.Name == "dev")
        {
            env.Error.WriteLine("error: " + string.Join(" ", parsed.Errors.Select(e => e.Message)) + " (flash dev --help lists the options.)");
            return Task.FromResult(DevCommand.BadOptions);
        }

        return parsed.InvokeAsync(new InvocationConfiguration { Output = env.Out, Error = env.Error }, ct);
    }

    private static Command PlanCommand(CliEnvironment env, HttpMessageHandler? handler)
    {
        var inputs = new ManifestOptions();
        var offline = new Option<bool>("--offline") { Description = "Compare with .flash/state.json only; ask RunPod nothing (no API key needed)." };
        var detailed = new Option<bool>("--detailed-exitcode") { Description = "Exit 0 when nothing would change, 2 when something would, 1 on error." };
        var command = new Command("plan", "Show what deploy would create, update or leave alone; change nothing.") { offline, detailed };
        inputs.AddTo(command);
        command.SetAction((result, ct) => Guarded(env, async () =>
        {
            var (declared, manifestPath) = inputs.Read(result, env);
            using var store = StateStore.Open(env, inputs.Environment(result));
            var state = store.Load();
            var (manifest, specs) = inputs.ForEnvironment(declared, result, state);
            using var api = result.GetValue(offline)
                ? null
                : CreateApi(env, ApiSettings.FromEnvironment(env), handler, " (flash plan --offline compares with .flash/state.json without it.)");
            var plan = await Planner.PlanAsync(manifest, specs, state, api, ct).ConfigureAwait(false);
            PrintHeader(env, "Plan", manifest, manifestPath, store);
            PlanPrinter.Print(plan, env.Out);
            return plan.Conflicts.Count > 0 ? 1 : result.GetValue(detailed) && plan.HasChanges ? 2 : 0;
        }));
        return command;
    }

    private static Command DeployCommand(CliEnvironment env, HttpMessageHandler? handler)
    {
        var inputs = new ManifestOptions();
        var yes = new Option<bool>("--yes", "-y") { Description = "Apply the plan without asking." };
        var command = new Command("deploy", "Create and update the app's network volumes and endpoints on RunPod, then print the endpoints' URLs.") { yes };
        inputs.AddTo(command);
        command.SetAction((result, ct) => Guarded(env, async () =>
        {
            // Everything that can fail on the user's input is checked before the first request and before .flash/ is
            // created: a deploy that stops here leaves the project as it was.
            var (declared, manifestPath) = inputs.Read(result, env);
            using var store = StateStore.Open(env, inputs.Environment(result));
            var state = store.Load();
            var (manifest, specs) = inputs.ForEnvironment(declared, result, state);
            var settings = ApiSettings.FromEnvironment(env);
            using var api = CreateApi(env, settings, handler);
            store.ThrowIfLocked();
            var plan = await Planner.PlanAsync(manifest, specs, state, api, ct).ConfigureAwait(false);
            PrintHeader(env, "Deploy", manifest, manifestPath, store);
            PlanPrinter.Print(plan, env.Out);
            if (plan.Conflicts.Count > 0)
            {
                env.Error.WriteLine("error: nothing was changed.");
                return 1;
            }

            if (plan.HasChanges && !result.GetValue(yes) && !Confirm(env, "Deploy these changes to RunPod?"))
            {
                env.Out.WriteLine("Nothing was changed.");
                return 1;
            }

            if (plan.HasChanges || plan.Volumes.Any(v => v.Action == VolumeAction.Reuse) || state.App is null)
            {
                env.Out.WriteLine();
                env.Out.WriteLine("Applying:");
                store.LockForChanges();
                await new Deployer(api, store, state, env).ApplyAsync(plan, ct).ConfigureAwait(false);
            }

            PrintUrls(env, state, settings, specs.Select(s => s.Name));
            return 0;
        }));
        return command;
    }

    private static Command UndeployCommand(CliEnvironment env, HttpMessageHandler? handler)
    {
        var name = new Argument<string?>("NAME") { Description = "The endpoint to delete.", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Delete every endpoint flash deployed from here." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Delete without asking." };
        var environment = EnvironmentOption();
        var command = new Command("undeploy", "Delete endpoints flash created in one environment (recorded in its state); never anything else, never a network volume.")
        {
            name, all, yes, environment,
        };
        command.SetAction((result, ct) => Guarded(env, async () =>
        {
            var endpoint = result.GetValue(name);
            var everything = result.GetValue(all);
            if ((endpoint is null) == !everything)
            {
                throw new FlashCliException("Name one endpoint (flash undeploy NAME) or pass --all, not both.");
            }

            using var store = StateStore.Open(env, AppEnvironment.Parse(result.GetValue(environment)!));
            var state = store.Load();
            if (endpoint is not null && !state.Endpoints.ContainsKey(endpoint))
            {
                throw new FlashCliException(
                    $"flash did not deploy an endpoint named '{endpoint}' from here (it is not in {env.Display(store.Path)}), so it leaves it alone: " +
                    "flash deletes only endpoints it created." +
                    (state.Endpoints.Count > 0 ? $" Recorded: {string.Join(", ", state.Endpoints.Keys)}." : ""));
            }

            var names = endpoint is not null ? [endpoint] : state.Endpoints.Keys.Order(StringComparer.Ordinal).ToList();
            if (names.Count == 0)
            {
                env.Out.WriteLine($"Nothing to undeploy: no endpoint is recorded in {env.Display(store.Path)}.");
                return 0;
            }

            using var api = CreateApi(env, ApiSettings.FromEnvironment(env), handler);
            store.ThrowIfLocked();
            env.Out.WriteLine("To delete: " + string.Join(", ", names.Select(n => $"{n} ({state.Endpoints[n].Id})")));
            if (!result.GetValue(yes) && !Confirm(env, "Delete these endpoints on RunPod?"))
            {
                env.Out.WriteLine("Nothing was changed.");
                return 1;
            }

            store.LockForChanges();
            var undeployer = new Undeployer(api, store, state, env, "flash undeploy" + (store.Environment.IsProduction ? "" : $" --env {store.Environment.Name}"));
            foreach (var n in names)
            {
                await undeployer.DeleteAsync(n, ct).ConfigureAwait(false);
            }

            if (state.Volumes.Count > 0)
            {
                env.Out.WriteLine(
                    "Network volumes are never deleted by flash (RunPod requires deleting them by hand, in the console): " +
                    string.Join(", ", state.Volumes.Select(v => $"{v.Name ?? v.Id} ({v.Id})")));
            }

            return 0;
        }));
        return command;
    }

    private static Command StatusCommand(CliEnvironment env, HttpMessageHandler? handler)
    {
        var environment = EnvironmentOption();
        var command = new Command("status", "Show what flash deployed from here to one environment: the recorded endpoints and volumes, checked against RunPod.")
        {
            environment,
        };
        command.SetAction((result, ct) => Guarded(env, async () =>
        {
            using var store = StateStore.Open(env, AppEnvironment.Parse(result.GetValue(environment)!));
            var state = store.Load();
            if (state.Endpoints.Count == 0 && state.Volumes.Count == 0)
            {
                env.Out.WriteLine($"Nothing deployed from here ({env.Display(store.Path)} records no resource).");
                return 0;
            }

            var settings = ApiSettings.FromEnvironment(env);
            using var api = CreateApi(env, settings, handler);
            var endpoints = await api.ListEndpointsAsync(ct).ConfigureAwait(false);
            var volumes = await api.ListNetworkVolumesAsync(ct).ConfigureAwait(false);
            env.Out.WriteLine($"App {state.App}{EnvironmentLabel(store)} (state {env.Display(store.Path)})");
            env.Out.WriteLine();
            env.Out.WriteLine("Endpoints");
            ConsoleTable.Write(env.Out, ["NAME", "TYPE", "ENDPOINT ID", "ON RUNPOD", "WORKERS", "URL"], state.Endpoints.Select(e =>
            {
                var remote = endpoints.FirstOrDefault(r => r.Id == e.Value.Id);
                return (IReadOnlyList<string>)
                [
                    e.Key,
                    e.Value.Type,
                    e.Value.Id,
                    remote is null ? "missing (deleted outside flash)" : "yes",
                    remote is { WorkersMin: { } min, WorkersMax: { } max } ? $"{min}..{max}" : "-",
                    string.Join(", ", EndpointUrls.Of(e.Value.Type, e.Value.Id, e.Value.Routes, settings)),
                ];
            }));
            env.Out.WriteLine();
            env.Out.WriteLine("Network volumes (never deleted by flash)");
            ConsoleTable.Write(env.Out, ["NAME", "DATACENTER", "VOLUME ID", "ON RUNPOD", "ORIGIN"], state.Volumes.Select(v => (IReadOnlyList<string>)
            [
                v.Name ?? "-",
                v.DataCenterId ?? "-",
                v.Id,
                volumes.Any(r => r.Id == v.Id) ? "yes" : "missing",
                v.Origin == Origins.Created ? "created by flash" : "existed before",
            ]));
            return 0;
        }));
        return command;
    }

    internal static RunPodApi CreateApi(CliEnvironment env, ApiSettings settings, HttpMessageHandler? handler, string? offlineHint = null) =>
        new(settings, Credentials.Resolve(env, offlineHint), handler);

    private static void PrintHeader(CliEnvironment env, string what, AppManifest manifest, string manifestPath, StateStore store) =>
        env.Out.WriteLine(
            $"{what} for app {manifest.ProjectName}{EnvironmentLabel(store)}: manifest {env.Display(manifestPath)}, state {env.Display(store.Path)}" +
            (store.Exists ? "" : " (none yet)"));

    /// <summary>Names the environment when it is not production, whose output is as it was before environments existed.</summary>
    private static string EnvironmentLabel(StateStore store) => store.Environment.IsProduction ? "" : $", environment {store.Environment.Name}";

    internal static Option<string> EnvironmentOption() => new("--env")
    {
        Description = $"The environment: its own endpoints, templates and state (lower-case letters, digits and '-'; default: {AppEnvironment.DefaultName}).",
        DefaultValueFactory = _ => AppEnvironment.DefaultName,
    };

    private static void PrintUrls(CliEnvironment env, DeployState state, ApiSettings settings, IEnumerable<string> names)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var name in names.Where(state.Endpoints.ContainsKey))
        {
            var endpoint = state.Endpoints[name];
            var urls = EndpointUrls.Of(endpoint.Type, endpoint.Id, endpoint.Routes, settings);
            rows.AddRange(urls.Select((url, i) => (IReadOnlyList<string>)[i == 0 ? name : "", url]));
        }

        env.Out.WriteLine();
        if (rows.Count == 0)
        {
            env.Out.WriteLine("No endpoint deployed: the manifest declares none.");
            return;
        }

        env.Out.WriteLine("Endpoints:");
        ConsoleTable.Write(env.Out, ["NAME", "CALL"], rows);
    }

    internal static bool Confirm(CliEnvironment env, string question)
    {
        env.Out.Write($"{question} [y/N] ");
        env.Out.Flush();
        var answer = env.In.ReadLine()?.Trim();
        env.Out.WriteLine();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Runs a command body; a problem the user can fix is printed as one clear error, exit code 1.</summary>
    internal static async Task<int> Guarded(CliEnvironment env, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e) when (e is FlashCliException or RunPodApiException)
        {
            await env.Out.FlushAsync().ConfigureAwait(false);
            await env.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>The options that choose the manifest, the container image and the environment (plan, deploy).</summary>
    private sealed class ManifestOptions
    {
        private readonly Option<string> _environment = EnvironmentOption();

        private readonly Option<bool> _ownVolumes = new(EnvironmentVolumes.Option)
        {
            Description = "Give the environment network volumes of its own (<name>-<env>) instead of sharing the app's; asked once, on its first deploy, and kept.",
        };

        private readonly Option<string?> _manifest = new("--manifest", "-m")
        {
            Description = "The flash_manifest.json to deploy (default: ./flash_manifest.json, else the one dotnet build wrote under bin/*/*/flash/).",
        };

        private readonly Option<string?> _image = new("--image")
        {
            Description = "The container image for endpoints without their own Image.",
        };

        private readonly Option<string?> _registry = new("--container-registry")
        {
            Description = "Or: the ContainerRegistry given to dotnet publish -t:PublishContainer (e.g. ghcr.io).",
        };

        private readonly Option<string?> _repository = new("--container-repository")
        {
            Description = "The ContainerRepository (default: the assembly name in lower case).",
        };

        private readonly Option<string?> _tag = new("--container-image-tag")
        {
            Description = "The ContainerImageTag (default: latest).",
        };

        public void AddTo(Command command)
        {
            command.Options.Add(_manifest);
            command.Options.Add(_image);
            command.Options.Add(_registry);
            command.Options.Add(_repository);
            command.Options.Add(_tag);
            command.Options.Add(_environment);
            command.Options.Add(_ownVolumes);
        }

        public AppEnvironment Environment(ParseResult result) => AppEnvironment.Parse(result.GetValue(_environment)!);

        public (AppManifest Manifest, string Path) Read(ParseResult result, CliEnvironment env)
        {
            var path = ManifestLocator.Locate(result.GetValue(_manifest), env);
            return (ManifestReader.Read(path, env.Display(path)), path);
        }

        /// <summary>
        /// The manifest as the chosen environment deploys it (its volumes shared or its own, as asked or as
        /// <paramref name="state"/> recorded, which then records the choice) and its endpoints.
        /// </summary>
        public (AppManifest Manifest, IReadOnlyList<EndpointSpec> Specs) ForEnvironment(AppManifest declared, ParseResult result, DeployState state)
        {
            var environment = Environment(result);
            state.OwnVolumes = EnvironmentVolumes.Resolve(environment, state, result.GetValue(_ownVolumes));
            var app = state.OwnVolumes ? EnvironmentVolumes.Own(declared, environment) : declared;
            var images = new ImageOptions(result.GetValue(_image), result.GetValue(_registry), result.GetValue(_repository), result.GetValue(_tag));
            return (app, EndpointSpec.FromManifest(app, images, environment));
        }
    }
}
