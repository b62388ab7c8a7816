using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Management.Roles;
using Timesheets.Identity.Management.Users;

namespace Timesheets.Identity.Pages.Admin.Users;

/// <summary>
/// One user: profile and contractor flag, unblock, unlock after failed logins, a set-password link (mailed,
/// or shown once), roles. Every change goes through <see cref="UserAdmin"/>, as the API's do. The
/// sensitive actions (block, second factor reset, delete) are links to confirmation pages of their own
/// (<see cref="UserConfirmPageModel"/>), which ask for a recent login.
/// </summary>
public sealed class DetailsModel : AdminFormPageModel
{
    protected override string RequiredPermission => ManagementScopes.ReadUsers;

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public ManagementUser? Account { get; private set; }

    public IReadOnlyList<ManagementRole> Roles { get; private set; } = [];

    public IReadOnlyList<ManagementRole> OtherRoles { get; private set; } = [];

    /// <summary>A password reset link just made: shown in this response only.</summary>
    public string? PasswordLink { get; private set; }

    private UserAdmin Admin => HttpContext.RequestServices.GetRequiredService<UserAdmin>();

    protected override async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        var found = await Admin.GetAsync(Id, cancellationToken);
        if (found.Value is null)
        {
            return NotFound();
        }

        Account = found.Value;
        Roles = (await Admin.RolesAsync(Id, cancellationToken)).Value ?? [];
        var all = await HttpContext.RequestServices.GetRequiredService<RoleAdmin>().ListAsync(cancellationToken);
        OtherRoles = [.. all.Where(r => Roles.All(held => held.Id != r.Id))];
        return Page();
    }

    public Task<IActionResult> OnPostProfileAsync(string? name, string? nickname, string? picture, bool contractor, bool emailVerified) =>
        ChangeAsync(ManagementScopes.UpdateUsers, ct => Admin.UpdateAsync(Id, new UpdateUserRequest
        {
            Name = name ?? "", Nickname = nickname ?? "", Picture = picture ?? "", Contractor = contractor, EmailVerified = emailVerified,
        }, ct), user => $"Saved {user.Email}.");

    public Task<IActionResult> OnPostUnblockAsync() =>
        ChangeAsync(ManagementScopes.UpdateUsers, ct => Admin.UpdateAsync(Id, new UpdateUserRequest { Blocked = false }, ct),
            user => $"{user.Email} is unblocked.");

    public Task<IActionResult> OnPostUnlockAsync() =>
        ChangeAsync(ManagementScopes.UpdateUsers, ct => Admin.UnlockAsync(Id, ct),
            lifted => lifted == 0 ? "No failed-login block was in place." : $"Lifted {lifted} failed-login block(s).");

    public Task<IActionResult> OnPostPasswordLinkAsync() =>
        ChangeAsync(ManagementScopes.CreateUserTickets, ct => Admin.PasswordTicketAsync(Id, ct), _ => "The set-password link was e-mailed to the user.", ticket =>
        {
            if (ticket.Ticket is null)
            {
                return Task.FromResult<IActionResult>(RedirectToPage());
            }

            // Shown in this response only: no redirect, no TempData, nothing stored.
            Notice = null;
            PasswordLink = ticket.Ticket;
            return LoadAsync(HttpContext.RequestAborted);
        });

    public Task<IActionResult> OnPostAddRoleAsync(string? roleId) =>
        ChangeAsync(ManagementScopes.CreateRoleMembers, ct => Admin.AddRolesAsync(Id, [roleId ?? ""], ct), _ => "Role assigned.");

    public Task<IActionResult> OnPostRemoveRoleAsync(string? roleId) =>
        ChangeAsync(ManagementScopes.DeleteRoleMembers, ct => Admin.RemoveRolesAsync(Id, [roleId ?? ""], ct), _ => "Role removed.");
}
