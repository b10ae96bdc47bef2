using Flash.Cli.Cli;

return await FlashCommandLine.RunAsync(args, CliEnvironment.FromProcess()).ConfigureAwait(false);
