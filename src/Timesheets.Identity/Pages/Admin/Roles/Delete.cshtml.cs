using Timesheets.Identity.Management;
using Timesheets.Identity.Management.Roles;

namespace Timesheets.Identity.Pages.Admin.Roles;

/// <summary>Deletes a role after a confirmation and a recent login. The built-in roles, Admin first, stay.</summary>
public sealed class DeleteModel : ConfirmPageModel<ManagementRole>
{
    private int _members;

    protected override string RequiredPermission => ManagementScopes.DeleteRoles;

    protected override string BackTo => $"/admin/roles/{Uri.EscapeDataString(Id)}";

    private RoleAdmin Admin => HttpContext.RequestServices.GetRequiredService<RoleAdmin>();

    private protected override async Task<AdminResult<ManagementRole>> FindAsync(CancellationToken cancellationToken)
    {
        _members = (await Admin.MembersAsync(Id, cancellationToken)).Value?.Count ?? 0;
        return await Admin.GetAsync(Id, cancellationToken);
    }

    private protected override void Describe(ManagementRole target)
    {
        Question = $"Delete the role {target.Name}?";
        Consequences =
        [
            $"Its {_members} member(s) lose its permissions in their very next token; their accounts and hours stay.",
            "Applications and APIs are not changed.",
            "This cannot be undone: a role made again has a new id and no permissions.",
        ];
        Action = "Delete the role";
    }

    private protected override async Task<ConfirmOutcome> ActAsync(CancellationToken cancellationToken) =>
        ConfirmOutcome.Of(await Admin.DeleteAsync(Id, cancellationToken), role => $"Deleted role {role.Name}.", "/admin/roles");
}
