using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Management.Roles;

namespace Timesheets.Identity.Pages.Admin.Roles;

/// <summary>
/// One role: rename and describe it, see its permissions (grouped by API) and members. Changing the
/// permissions (<see cref="PermissionsModel"/>) and deleting the role (<see cref="DeleteModel"/>) are on
/// pages of their own that ask for a recent login. Members get a change in their very next token.
/// </summary>
public sealed class DetailsModel : AdminFormPageModel
{
    protected override string RequiredPermission => ManagementScopes.ReadRoles;

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public ManagementRole? Role { get; private set; }

    /// <summary>The role's permissions, grouped by API name.</summary>
    public IReadOnlyList<IGrouping<string, ManagementRolePermission>> Granted { get; private set; } = [];

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

        Granted = [.. ((await Admin.PermissionsAsync(Id, cancellationToken)).Value ?? []).GroupBy(p => p.ResourceServerName)];
        Members = (await Admin.MembersAsync(Id, cancellationToken)).Value ?? [];
        return Page();
    }

    public Task<IActionResult> OnPostRenameAsync(string? name, string? description) =>
        ChangeAsync(ManagementScopes.UpdateRoles, ct => Admin.UpdateAsync(Id, new RoleRequest { Name = name ?? "", Description = description ?? "" }, ct),
            role => $"Saved role {role.Name}.");
}
