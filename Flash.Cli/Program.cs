using Flash.Cli.Commands;

return await FlashCommandLine.RunAsync(args, CliEnvironment.FromProcess()).ConfigureAwait(false);
