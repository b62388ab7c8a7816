using Timesheets.Cli;

return await CliApp.RunAsync(args, CliContext.FromSystem());
