using System.CommandLine;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client.Management;
using Timesheets.Contracts;

namespace Timesheets.Cli.Admin.Roles;

/// <summary><c>admin roles list|show|create|rename|delete</c>; permissions in <see cref="RolePermissionCommands"/>.</summary>
internal static class RoleCommands
{
    public static Command Create(CliContext context) => AdminKit.Group("roles", "Roles and their permissions.",
        [ListCommand(context), ShowCommand(context), CreateCommand(context), RenameCommand(context), DeleteCommand(context), .. RolePermissionCommands.Create(context)]);

    public static Argument<string> RoleArgument() => new("role") { Description = "The role's name or id." };

    private static Command ListCommand(CliContext context) =>
        CommandKit.Create("list", "List the roles.", "timesheets admin roles list")
            .RunsAdmin(context, async (call, cancellationToken) =>
                call.Show(await call.Api.ListRolesAsync(cancellationToken), ManagementJson.Default.ListManagementRole, roles => Users.UserRoleCommands.RoleTable(call, roles)));

    private static Command ShowCommand(CliContext context)
    {
        var role = RoleArgument();
        return CommandKit.Create("show", "Show a role: its permissions and its users.", "timesheets admin roles show Manager")
            .With(role)
            .RunsAdmin(context, (call, cancellationToken) => call.WithAsync(call.Api.FindRoleAsync(call.Value(role)!, cancellationToken), async shown =>
            {
                var permissions = await call.Api.ListRolePermissionsAsync(shown.Id, cancellationToken);
                var members = await call.Api.ListRoleMembersAsync(shown.Id, cancellationToken);
                if ((permissions.Problem ?? members.Problem) is { } problem)
                {
                    return call.Fail(problem);
                }

                return call.Show(new RoleDetails(shown, permissions.Value!, members.Value!), AdminJson.Default.RoleDetails, details =>
                {
                    call.Console.Write(AdminTables.Fields(("Role", shown.Name), ("Description", shown.Description), ("Id", shown.Id)));
                    call.Console.Write(AdminTables.List(["Permission", "API", "Description"],
                        details.Permissions.Select(p => new[] { p.PermissionName, p.ResourceServerIdentifier, p.Description })));
                    call.Console.Write(AdminTables.List(["User", "Name", "Id"], details.Users.Select(u => new[] { u.Email, u.Name, u.UserId })));
                });
            }));
    }

    private static Command CreateCommand(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The new role's name." };
        var description = new Option<string?>("--description") { Description = "What the role is for." };
        return CommandKit.Create("create", "Create a role (no permissions yet: `roles grant` adds them).", "timesheets admin roles create Auditor --description \"Reads the audit log\"")
            .With(name, description)
            .RunsAdmin(context, async (call, cancellationToken) =>
                call.Show(await call.Api.CreateRoleAsync(new RoleRequest { Name = call.Value(name), Description = call.Value(description) }, cancellationToken),
                    ManagementJson.Default.ManagementRole, created => call.Console.WriteLine($"Created the role {created.Name} (id {created.Id}).")));
    }

    private static Command RenameCommand(CliContext context)
    {
        var role = RoleArgument();
        var name = new Argument<string>("new-name") { Description = "The role's new name." };
        return CommandKit.Create("rename", "Rename a role; its users and permissions stay.", "timesheets admin roles rename Auditor Auditors")
            .With(role, name)
            .RunsAdmin(context, (call, cancellationToken) => call.WithAsync(call.Api.FindRoleAsync(call.Value(role)!, cancellationToken), async target =>
                call.Show(await call.Api.UpdateRoleAsync(target.Id, new RoleRequest { Name = call.Value(name) }, cancellationToken),
                    ManagementJson.Default.ManagementRole, renamed => call.Console.WriteLine($"Renamed {target.Name} to {renamed.Name}."))));
    }

    private static Command DeleteCommand(CliContext context)
    {
        var role = RoleArgument();
        var yes = AdminKit.YesOption();
        return CommandKit.Create("delete", "Delete a role: its users lose its permissions at their next token.", "timesheets admin roles delete Auditor --yes")
            .With(role, yes)
            .RunsAdmin(context, (call, cancellationToken) => call.WithAsync(call.Api.FindRoleAsync(call.Value(role)!, cancellationToken), target =>
                call.ConfirmedAsync(yes, $"Delete the role {target.Name}?", async () =>
                    call.Done(await call.Api.DeleteRoleAsync(target.Id, cancellationToken), $"Deleted the role {target.Name}."), cancellationToken)));
    }
}
