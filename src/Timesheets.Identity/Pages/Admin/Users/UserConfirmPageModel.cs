using Timesheets.Identity.Management.Users;

namespace Timesheets.Identity.Pages.Admin.Users;

/// <summary>A confirmed action on one user (<c>/admin/users/{id}/…</c>): the user is loaded through <see cref="UserAdmin"/>, Cancel goes back to their page.</summary>
public abstract class UserConfirmPageModel : ConfirmPageModel
{
    private protected UserAdmin Admin => HttpContext.RequestServices.GetRequiredService<UserAdmin>();

    protected sealed override async Task<bool> DescribeAsync(CancellationToken cancellationToken)
    {
        if ((await Admin.GetAsync(Id, cancellationToken)).Value is not { } user)
        {
            return false;
        }

        Back = $"/admin/users/{Uri.EscapeDataString(Id)}";
        Describe(user);
        return true;
    }

    /// <summary>Fills the question, consequences and button for this user.</summary>
    private protected abstract void Describe(ManagementUser user);
}
