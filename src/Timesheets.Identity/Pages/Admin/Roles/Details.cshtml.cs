using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Management.Roles;

namespace Timesheets.Identity.Pages.Admin.Roles;

/// <summary>
/// One role: rename and describe it, tick its permissions (grouped by API), see its members, delete it.
/// Members get the change in their very next token.
/// </summary>
/// <remarks>
/// TODO(h/mfa): once <c>Timesheets.Identity.Sessions.RequireRecentLoginAttribute</c> is merged, put it on
/// the sensitive handlers: Permissions and Delete.
/// </remarks>
public sealed class DetailsModel : AdminFormPageModel
{
    protected override string RequiredPermission => ManagementScopes.ReadRoles;

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public ManagementRole? Role { get; private set; }

    /// <summary>Every permission, grouped by API name.</summary>
    public IReadOnlyList<IGrouping<string, ManagementRolePermission>> AllPermissions { get; private set; } = [];

    public IReadOnlySet<string> Granted { get; private set; } = new HashSet<string>();

    public IReadOnlyList<ManagementRoleMember> Members { get; private set; } = [];

    public bool BuiltIn => Role is not null && RoleAdmin.IsBuiltIn(Role.Name);

    private RoleAdmin Admin => HttpContext.RequestServices.GetRequiredService<RoleAdmin>();

    protected override async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        Role = (await Admin.GetAsync(Id, cancellationToken)).Value;
        if (Role is null)
        {
            return NotFound();
        }

        AllPermissions = [.. (await Admin.AllPermissionsAsync(cancellationToken)).GroupBy(p => p.ResourceServerName)];
        Granted = ((await Admin.PermissionsAsync(Id, cancellationToken)).Value ?? []).Select(p => p.PermissionName).ToHashSet(StringComparer.Ordinal);
        Members = (await Admin.MembersAsync(Id, cancellationToken)).Value ?? [];
        return Page();
    }

    public Task<IActionResult> OnPostRenameAsync(string? name, string? description) =>
        ChangeAsync(ManagementScopes.UpdateRoles, ct => Admin.UpdateAsync(Id, new RoleRequest { Name = name ?? "", Description = description ?? "" }, ct),
            role => $"Saved role {role.Name}.");

    public Task<IActionResult> OnPostPermissionsAsync(string[]? permissions) =>
        ChangeAsync(ManagementScopes.UpdateRoles, ct => Admin.SetPermissionsAsync(Id, permissions ?? [], ct),
            granted => $"Saved: the role grants {granted.Count} permission(s). Members get them in their next token.");

    public Task<IActionResult> OnPostDeleteAsync(bool confirm) =>
        ChangeAsync(ManagementScopes.DeleteRoles, async ct => confirm
                ? await Admin.DeleteAsync(Id, ct)
                : Management.AdminError.Invalid("confirm", "Tick the box to confirm the deletion."),
            role => $"Deleted role {role.Name}.", _ => Task.FromResult<IActionResult>(Redirect("/admin/roles")));
}
