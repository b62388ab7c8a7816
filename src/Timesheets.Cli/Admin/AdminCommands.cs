using System.CommandLine;
using Timesheets.Cli.Admin.Apis;
using Timesheets.Cli.Admin.Apps;
using Timesheets.Cli.Admin.Keys;
using Timesheets.Cli.Admin.Logs;
using Timesheets.Cli.Admin.Roles;
using Timesheets.Cli.Admin.Users;
using Timesheets.Cli.Shared;

namespace Timesheets.Cli.Admin;

/// <summary>
/// <c>timesheets admin …</c>: administration over the Management API of the identity server, with
/// the admin's own login (<c>admin login</c>) or a machine client's credentials. What a login may do
/// is what the token's management permissions allow (the Admin role has them all).
/// </summary>
internal static class AdminCommands
{
    public static Command Create(CliContext context)
    {
        var admin = CommandKit.Create("admin", "Administration: users, roles, applications, APIs, signing keys and the log (the Management API).",
            "timesheets admin login", "timesheets admin users invite ann@exampleco.com --role Employee", "timesheets admin logs --type f");
        foreach (var command in AdminLoginCommands.Create(context))
        {
            admin.Add(command);
        }

        admin.Add(UserCommands.Create(context));
        admin.Add(RoleCommands.Create(context));
        admin.Add(AppCommands.Create(context));
        admin.Add(ApiCommands.Create(context));
        admin.Add(KeyCommands.Create(context));
        admin.Add(LogCommand.Create(context));
        return admin;
    }
}
