using Timesheets.Identity.Management;
using Timesheets.Identity.Management.Users;

namespace Timesheets.Identity.Pages.Admin.Users;

/// <summary>A confirmed action on one user (<c>/admin/users/{id}/…</c>), loaded through <see cref="UserAdmin"/>.</summary>
public abstract class UserConfirmPageModel : ConfirmPageModel<ManagementUser>
{
    protected override string BackTo => $"/admin/users/{Uri.EscapeDataString(Id)}";

    private protected UserAdmin Admin => HttpContext.RequestServices.GetRequiredService<UserAdmin>();

    private protected override Task<AdminResult<ManagementUser>> FindAsync(CancellationToken cancellationToken) => Admin.GetAsync(Id, cancellationToken);
}
