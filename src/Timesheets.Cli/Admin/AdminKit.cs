using System.CommandLine;
using Timesheets.Cli.Shared;

namespace Timesheets.Cli.Admin;

/// <summary>How the admin commands are declared: each gets <c>--json</c> and runs with the Management API client open.</summary>
internal static class AdminKit
{
    public static Option<bool> YesOption() => new("--yes", "-y") { Description = "Do it without asking for confirmation (for scripts)." };

    /// <summary>Adds <c>--json</c> and runs <paramref name="action"/> with the admin's Management API client.</summary>
    public static Command RunsAdmin(this Command command, CliContext context, Func<AdminCall, CancellationToken, Task<int>> action)
    {
        var json = CommandKit.JsonOption();
        command.Add(json);
        command.SetHandler(context, async (parse, cancellationToken) =>
        {
            var connection = await Connection.OpenAsync(context, cancellationToken);
            var (api, problem) = await AdminSession.OpenAsync(connection, cancellationToken);
            return api is null
                ? Output.Fail(context, problem!, LoginProfile.Admin)
                : await action(new AdminCall(context, parse, api, parse.GetValue(json)), cancellationToken);
        });
        return command;
    }

    /// <summary>A command group (<c>admin users</c>, …) with its subcommands.</summary>
    public static Command Group(string name, string description, params Command[] commands)
    {
        var group = CommandKit.Create(name, description);
        foreach (var command in commands)
        {
            group.Add(command);
        }

        return group;
    }
}
