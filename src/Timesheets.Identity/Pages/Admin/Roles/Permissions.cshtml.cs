using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Management.Roles;
using Timesheets.Identity.Sessions;

namespace Timesheets.Identity.Pages.Admin.Roles;

/// <summary>
/// A role's permissions as checkboxes grouped by API, saved together (one log entry). A recent login is
/// required: a permission given to a role is given to all its members, Admin powers included.
/// </summary>
[RequireRecentLogin]
public sealed class PermissionsModel : AdminFormPageModel
{
    protected override string RequiredPermission => ManagementScopes.UpdateRoles;

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public ManagementRole? Role { get; private set; }

    /// <summary>Every permission, grouped by API name.</summary>
    public IReadOnlyList<IGrouping<string, ManagementRolePermission>> AllPermissions { get; private set; } = [];

    public IReadOnlySet<string> Granted { get; private set; } = new HashSet<string>();

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
        return Page();
    }

    public Task<IActionResult> OnPostAsync(string[]? permissions) =>
        ChangeAsync(ManagementScopes.UpdateRoles, ct => Admin.SetPermissionsAsync(Id, permissions ?? [], ct),
            granted => $"Saved: the role grants {granted.Count} permission(s). Members get them in their next token.",
            _ => Task.FromResult<IActionResult>(Redirect($"/admin/roles/{Uri.EscapeDataString(Id)}")));
}
