using System.CommandLine;

namespace Timesheets.Cli.Entries;

/// <summary>The commands on the caller's own entries.</summary>
internal static class EntryCommands
{
    public static IEnumerable<Command> Create(CliContext context) =>
        [LogCommand.Create(context), ListCommand.Create(context), EditCommand.Create(context), EditCommand.Delete(context), SyncCommand.Create(context)];
}
