using System.CommandLine;
using Timesheets.Cli.Shared;
using Timesheets.Client;
using Timesheets.Client.Management;
using Timesheets.Contracts;

namespace Timesheets.Cli.Admin.Roles;

/// <summary><c>admin roles grant|revoke ROLE PERMISSION…</c>: what a role's users may do, in their next token.</summary>
internal static class RolePermissionCommands
{
    public static IEnumerable<Command> Create(CliContext context) =>
    [
        Changes(context, "grant", "Give a role permissions; its users' next tokens carry them.",
            (api, id, permissions, token) => api.GrantPermissionsAsync(id, permissions, token), "Granted"),
        Changes(context, "revoke", "Take permissions away from a role; its users' next tokens no longer carry them.",
            (api, id, permissions, token) => api.RevokePermissionsAsync(id, permissions, token), "Revoked"),
    ];

    private static Command Changes(CliContext context, string name, string description,
        Func<ManagementClient, string, IReadOnlyList<PermissionReference>, CancellationToken, Task<ApiResult<Done>>> change, string done)
    {
        var role = RoleCommands.RoleArgument();
        var permissions = new Argument<string[]>("permissions") { Description = "Permission names, e.g. read:timesheets.", Arity = ArgumentArity.OneOrMore };
        var api = new Option<string?>("--api") { Description = "The API the permissions belong to (its identifier); needed only when several APIs have a permission of that name." };
        return CommandKit.Create(name, description, $"timesheets admin roles {name} Auditor read:audit", $"timesheets admin roles {name} Auditor read:logs --api https://id.exampleco.com/api/v2/")
            .With(role, permissions, api)
            .RunsAdmin(context, (call, cancellationToken) => call.WithAsync(call.Api.FindRoleAsync(call.Value(role)!, cancellationToken), target =>
            {
                var names = call.Value(permissions)!;
                return call.WithAsync(call.Api.ResolvePermissionsAsync(names, call.Value(api), cancellationToken), async references =>
                    call.Done(await change(call.Api, target.Id, references, cancellationToken), $"{done} {string.Join(", ", names)} for the role {target.Name}."));
            }));
    }
}
