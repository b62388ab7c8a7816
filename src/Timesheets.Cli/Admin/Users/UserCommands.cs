using System.CommandLine;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client.Management;

namespace Timesheets.Cli.Admin.Users;

/// <summary><c>admin users …</c>: list, show and invite; the actions on one user are in <see cref="UserActionCommands"/>.</summary>
internal static class UserCommands
{
    public static Command Create(CliContext context) => AdminKit.Group("users", "Users: list, show, invite, block, unlock, delete, passwords, second factor, roles.",
        [ListCommand(context), ShowCommand(context), InviteCommand(context), .. UserActionCommands.Create(context), .. UserRoleCommands.Create(context)]);

    /// <summary>The argument naming a user: an email (looked up through users-by-email) or a user id.</summary>
    public static Argument<string> UserArgument() => new("user") { Description = "The user's email or id." };

    private static Command ListCommand(CliContext context)
    {
        var search = new Option<string?>("--search", "-s") { Description = "Only users whose email or name contains this." };
        var page = new Option<int?>("--page") { Description = "The page to show, from 0." };
        var perPage = new Option<int?>("--per-page") { Description = "Users per page (the server's default when left out)." };
        return CommandKit.Create("list", "List users, a page at a time, with search.",
                "timesheets admin users list", "timesheets admin users list --search ann --page 1", "timesheets admin users list --json")
            .With(search, page, perPage)
            .RunsAdmin(context, async (call, cancellationToken) =>
            {
                var query = new UserQuery { Search = call.Value(search), Paging = new PageQuery { Page = call.Value(page), PerPage = call.Value(perPage) } };
                return call.Show(await call.Api.ListUsersAsync(query, cancellationToken), ManagementJson.Default.ManagementUserPage, users =>
                {
                    call.Console.Write(AdminTables.List(["Email", "Name", "Id", "Blocked", "Contractor", "MFA", "Last login"],
                        users.Users.Select(u => new[]
                        {
                            u.Email, u.Name, u.UserId, AdminTables.YesNo(u.Blocked), AdminTables.YesNo(u.Contractor),
                            AdminTables.Joined(u.Multifactor), AdminTables.When(u.LastLogin),
                        })));
                    AdminTables.PageLine(call.Console, users.Start, users.Length, users.Limit, users.Total, "users");
                });
            });
    }

    private static Command ShowCommand(CliContext context)
    {
        var user = UserArgument();
        return CommandKit.Create("show", "Show one user and their roles.", "timesheets admin users show ann@exampleco.com")
            .With(user)
            .RunsAdmin(context, (call, cancellationToken) => call.WithAsync(call.Api.FindUserAsync(call.Value(user)!, cancellationToken), async shown =>
            {
                if (call.Json)
                {
                    return call.Show(shown, ManagementJson.Default.ManagementUser, _ => { });
                }

                var roles = await call.Api.ListUserRolesAsync(shown.UserId, cancellationToken);
                if (roles.Problem is { } problem)
                {
                    return call.Fail(problem);
                }

                call.Console.Write(AdminTables.Fields(
                    ("Email", shown.Email), ("Name", shown.Name), ("Id", shown.UserId), ("Roles", AdminTables.Joined(roles.Value!.Select(r => r.Name))),
                    ("Blocked", AdminTables.YesNo(shown.Blocked)), ("Contractor", AdminTables.YesNo(shown.Contractor)),
                    ("Email verified", AdminTables.YesNo(shown.EmailVerified)), ("Second factor", AdminTables.Joined(shown.Multifactor)),
                    ("Logins", shown.LoginsCount.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Last login", AdminTables.When(shown.LastLogin)),
                    ("Created", AdminTables.When(shown.CreatedAt))));
                return ExitCodes.Ok;
            }));
    }

    private static Command InviteCommand(CliContext context)
    {
        var email = new Argument<string>("email") { Description = "The new user's email: they log in with it." };
        var name = new Option<string?>("--name") { Description = "Their full name." };
        var roles = new Option<string[]>("--role") { Description = "A role to give them (name or id); repeat for several.", AllowMultipleArgumentsPerToken = true };
        var contractor = new Option<bool>("--contractor") { Description = "They are a contractor (their hours are billed apart)." };
        return CommandKit.Create("invite", "Invite a user: they choose their password through a one-time link (mailed, or printed here when the server sends no mail).",
                "timesheets admin users invite ann@exampleco.com --name \"Ann Lee\" --role Employee",
                "timesheets admin users invite bob@contractors.example --role Employee --contractor")
            .With(email, name, roles, contractor)
            .RunsAdmin(context, async (call, cancellationToken) =>
            {
                var roleIds = await UserRoleCommands.RoleIdsAsync(call, call.Value(roles) ?? [], cancellationToken);
                if (roleIds.Problem is { } unknown)
                {
                    return call.Fail(unknown);
                }

                var invitation = new Contracts.CreateUserRequest
                {
                    Email = call.Value(email)!, Name = call.Value(name), Contractor = call.Value(contractor), Roles = roleIds.Ids.Count > 0 ? roleIds.Ids : null,
                };
                return call.Show(await call.Api.InviteUserAsync(invitation, cancellationToken), ManagementJson.Default.ManagementUser, invited =>
                {
                    call.Console.MarkupLineInterpolated($"[green]Invited[/] {invited.Email} (id {invited.UserId}).");
                    SetPasswordLink.Print(call, invited.InvitationUrl, "The server sent no mail: give them this link to choose their password");
                });
            });
    }
}
