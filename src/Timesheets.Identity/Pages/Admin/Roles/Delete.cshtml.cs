using Timesheets.Identity.Management.Roles;

namespace Timesheets.Identity.Pages.Admin.Roles;

/// <summary>Deletes a role after a confirmation and a recent login. The built-in roles, Admin first, stay.</summary>
public sealed class DeleteModel : ConfirmPageModel
{
    protected override string RequiredPermission => ManagementScopes.DeleteRoles;

    private RoleAdmin Admin => HttpContext.RequestServices.GetRequiredService<RoleAdmin>();

    protected override async Task<bool> DescribeAsync(CancellationToken cancellationToken)
    {
        if ((await Admin.GetAsync(Id, cancellationToken)).Value is not { } role)
        {
            return false;
        }

        var members = (await Admin.MembersAsync(Id, cancellationToken)).Value?.Count ?? 0;
        Question = $"Delete the role {role.Name}?";
        Consequences =
        [
            $"Its {members} member(s) lose its permissions in their very next token; their accounts and hours stay.",
            "Applications and APIs are not changed.",
            "This cannot be undone: a role made again has a new id and no permissions.",
        ];
        Action = "Delete the role";
        Back = $"/admin/roles/{Uri.EscapeDataString(Id)}";
        return true;
    }

    private protected override async Task<ConfirmOutcome> ActAsync(CancellationToken cancellationToken) =>
        ConfirmOutcome.Of(await Admin.DeleteAsync(Id, cancellationToken), role => $"Deleted role {role.Name}.", "/admin/roles");
}
