using Spectre.Console;

namespace Timesheets.Cli.Tests.Infrastructure;

/// <summary>The CLI with no server at all: for help, completion and config, which never call one.</summary>
public static class OfflineCli
{
    public static async Task<CliResult> RunAsync(string configDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var output = new SharedWriter();
        var error = new SharedWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        var context = new CliContext
        {
            Console = console, Out = output, Error = error, ConfigDirectory = configDirectory, Environment = environment,
            OpenUrl = (_, _) => throw new InvalidOperationException("no browser here"),
        };
        return new CliResult(await CliApp.RunAsync(args, context), output.ToString(), error.ToString());
    }
}
