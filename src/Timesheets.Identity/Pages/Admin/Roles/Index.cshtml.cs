using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Management.Roles;

namespace Timesheets.Identity.Pages.Admin.Roles;

/// <summary>The roles, and a form to create one.</summary>
public sealed class IndexModel : AdminFormPageModel
{
    protected override string RequiredPermission => ManagementScopes.ReadRoles;

    public IReadOnlyList<ManagementRole> Roles { get; private set; } = [];

    private RoleAdmin Admin => HttpContext.RequestServices.GetRequiredService<RoleAdmin>();

    protected override async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        Roles = await Admin.ListAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(string? name, string? description) =>
        ChangeAsync(ManagementScopes.CreateRoles, ct => Admin.CreateAsync(new RoleRequest { Name = name ?? "", Description = description }, ct),
            role => $"Created role {role.Name}: choose its permissions.", role => Task.FromResult<IActionResult>(Redirect($"/admin/roles/{role.Id}")));
}
