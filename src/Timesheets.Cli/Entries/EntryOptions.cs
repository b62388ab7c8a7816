using System.CommandLine;
using Timesheets.Cli.Shared;

namespace Timesheets.Cli.Entries;

/// <summary>The fields of an entry as options, worded for <c>log</c> (defaults) or <c>edit</c> (only what is given changes).</summary>
internal sealed class EntryOptions(bool editing)
{
    public Option<decimal?> Hours { get; } = new("--hours")
    {
        Description = editing ? "New hours." : "Hours worked (more than 0, at most 24, two decimals).", Required = !editing,
    };

    public Option<string?> Project { get; } = new("--project", "-p") { Description = editing ? "New project." : "The project; defaults to the last one you logged." };

    public Option<DateOnly?> Date { get; } = CommandKit.DateOption("--date", editing ? "New day" : "The day worked; defaults to today");

    public Option<string?> Notes { get; } = new("--notes", "-n") { Description = editing ? "New notes (\"\" clears them)." : "What you did." };

    public Symbol[] All => [Hours, Project, Date, Notes];
}
