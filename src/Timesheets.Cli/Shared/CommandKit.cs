using System.CommandLine;
using System.Runtime.CompilerServices;
using Timesheets.Contracts;

namespace Timesheets.Cli.Shared;

/// <summary>How every command is declared: a description with an example, <c>--json</c>, and one error policy.</summary>
internal static class CommandKit
{
    /// <summary>Each command's examples, printed under its <c>--help</c> by <see cref="ExamplesHelpAction"/>.</summary>
    private static readonly ConditionalWeakTable<Command, string[]> Examples = [];

    public static Command Create(string name, string description, params string[] examples)
    {
        var command = new Command(name, description);
        Examples.AddOrUpdate(command, examples);
        return command;
    }

    public static string[] ExamplesOf(Command command) => Examples.TryGetValue(command, out var examples) ? examples : [];

    /// <summary>Adds the command's arguments and options in the order help lists them.</summary>
    public static Command With(this Command command, params Symbol[] symbols)
    {
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Add(argument);
                    break;
                case Option option:
                    command.Add(option);
                    break;
                case Command sub:
                    command.Add(sub);
                    break;
            }
        }

        return command;
    }

    public static Option<bool> JsonOption() => new("--json") { Description = "Print JSON for scripts instead of tables." };

    public static Option<DateOnly?> DateOption(string name, string description) => new(name) { Description = description + " (YYYY-MM-DD)" };

    public static Option<string?> StatusOption() =>
        new Option<string?>("--status") { Description = "Only entries with this status." }.AcceptOnlyFromAmong([.. EntryStatuses.All]);

    /// <summary>Runs the action; interruptions and network failures end with their documented exit codes.</summary>
    public static void SetHandler(this Command command, CliContext context, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await context.Error.WriteLineAsync("Interrupted.");
                return ExitCodes.Interrupted;
            }
            catch (HttpRequestException ex)
            {
                await context.Error.WriteLineAsync($"error: the server could not be reached: {ex.Message}");
                return ExitCodes.Unreachable;
            }
        });
}
