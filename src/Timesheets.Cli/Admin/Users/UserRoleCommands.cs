using System.CommandLine;
using Timesheets.Cli.Shared;
using Timesheets.Client;
using Timesheets.Client.Management;

namespace Timesheets.Cli.Admin.Users;

/// <summary><c>admin users roles|assign|unassign</c>: a user's roles, which decide the permissions in their next token.</summary>
internal static class UserRoleCommands
{
    public static IEnumerable<Command> Create(CliContext context) =>
    [
        RolesCommand(context),
        Changes(context, "assign", "Give a user roles (names or ids); their next token carries the new permissions.",
            (api, id, roles, token) => api.AssignRolesAsync(id, roles, token), "Assigned"),
        Changes(context, "unassign", "Take roles (names or ids) away from a user; their next token no longer carries them.",
            (api, id, roles, token) => api.RemoveRolesAsync(id, roles, token), "Removed"),
    ];

    /// <summary>Role names or ids turned into ids, or the problem naming the one that is not a role.</summary>
    public static async Task<(List<string> Ids, ApiProblem? Problem)> RoleIdsAsync(AdminCall call, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var name in names)
        {
            var role = await call.Api.FindRoleAsync(name, cancellationToken);
            if (role.Problem is { } problem)
            {
                return (ids, problem);
            }

            ids.Add(role.Value!.Id);
        }

        return (ids, null);
    }

    private static Command RolesCommand(CliContext context)
    {
        var user = UserCommands.UserArgument();
        return CommandKit.Create("roles", "List a user's roles.", "timesheets admin users roles ann@exampleco.com")
            .With(user)
            .RunsAdmin(context, (call, cancellationToken) => call.WithAsync(call.Api.FindUserAsync(call.Value(user)!, cancellationToken), async target =>
                call.Show(await call.Api.ListUserRolesAsync(target.UserId, cancellationToken), ManagementJson.Default.ListManagementRole, roles => RoleTable(call, roles))));
    }

    /// <summary>Roles as a table: <c>users roles</c> and <c>roles list</c>.</summary>
    public static void RoleTable(AdminCall call, IEnumerable<Contracts.ManagementRole> roles) =>
        call.Console.Write(AdminTables.List(["Role", "Description", "Id"], roles.Select(r => new[] { r.Name, r.Description, r.Id })));

    private static Command Changes(CliContext context, string name, string description,
        Func<ManagementClient, string, IReadOnlyList<string>, CancellationToken, Task<ApiResult<Done>>> change, string done)
    {
        var user = UserCommands.UserArgument();
        var roles = new Argument<string[]>("roles") { Description = "Role names or ids.", Arity = ArgumentArity.OneOrMore };
        return CommandKit.Create(name, description, $"timesheets admin users {name} ann@exampleco.com Manager")
            .With(user, roles)
            .RunsAdmin(context, (call, cancellationToken) => call.WithAsync(call.Api.FindUserAsync(call.Value(user)!, cancellationToken), async target =>
            {
                var names = call.Value(roles)!;
                var ids = await RoleIdsAsync(call, names, cancellationToken);
                return ids.Problem is { } unknown
                    ? call.Fail(unknown)
                    : call.Done(await change(call.Api, target.UserId, ids.Ids, cancellationToken), $"{done} {string.Join(", ", names)} for {target.Email}.");
            }));
    }
}
