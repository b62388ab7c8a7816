using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Management.Roles;
using Timesheets.Identity.Management.Users;

namespace Timesheets.Identity.Pages.Admin.Users;

/// <summary>
/// Invites a person: e-mail, name, contractor flag and roles. With SMTP the link is mailed; without,
/// it is shown here once (it is not stored anywhere the admin could see it again).
/// </summary>
public sealed class InviteModel : AdminPageModel
{
    protected override string RequiredPermission => ManagementScopes.CreateUsers;

    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public bool Contractor { get; set; }

    [BindProperty]
    public List<string> Roles { get; set; } = [];

    public IReadOnlyList<ManagementRole> AllRoles { get; private set; } = [];

    public ManagementUser? Invited { get; private set; }

    public string? ErrorMessage { get; private set; }

    public async Task OnGetAsync() => AllRoles = await Services<RoleAdmin>().ListAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await Services<UserAdmin>().InviteAsync(
            new CreateUserRequest { Email = Email, Name = string.IsNullOrWhiteSpace(Name) ? null : Name, Contractor = Contractor, Roles = Roles },
            HttpContext.RequestAborted);
        if (result.Error is { } error)
        {
            ErrorMessage = error.Sentence();
            Response.StatusCode = error.Status;
            await OnGetAsync();
            return Page();
        }

        var invited = result.Value!;
        if (invited.InvitationUrl is null)
        {
            Notice = $"Invitation e-mailed to {invited.Email}.";
            return Redirect($"/admin/users/{Uri.EscapeDataString(invited.UserId)}");
        }

        // No SMTP: the link is shown in this response only, so a reload does not show it again.
        Invited = invited;
        return Page();
    }

    private T Services<T>() where T : notnull => HttpContext.RequestServices.GetRequiredService<T>();
}
