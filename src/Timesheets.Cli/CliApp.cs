using System.CommandLine;
using Timesheets.Cli.Admin;
using Timesheets.Cli.Approvals;
using Timesheets.Cli.Config;
using Timesheets.Cli.Entries;
using Timesheets.Cli.Import;
using Timesheets.Cli.Login;
using Timesheets.Cli.Reports;
using Timesheets.Cli.Shared;

namespace Timesheets.Cli;

/// <summary>The <c>timesheets</c> command tree; tests run it in process with their own <see cref="CliContext"/>.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand("Timesheets from the command line: log hours, review them, report, export, import and administer. Exit codes: docs/cli.md.");
        foreach (var command in LoginCommands.Create(context)
            .Concat(EntryCommands.Create(context))
            .Concat(ApprovalCommands.Create(context))
            .Concat(ReportCommands.Create(context))
            .Append(ImportCommand.Create(context))
            .Append(AdminCommands.Create(context))
            .Append(ConfigCommands.Create(context))
            .Append(CompletionCommand.Create(context)))
        {
            root.Add(command);
        }

        ExamplesHelpAction.Install(root);
        // No response files: "@…" is an ordinary value here (notes such as "@client call"), never a file to read.
        return await root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }).InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error }, cancellationToken);
    }
}
