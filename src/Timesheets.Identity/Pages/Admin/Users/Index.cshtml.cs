using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Management.Users;

namespace Timesheets.Identity.Pages.Admin.Users;

/// <summary>The users, searched by e-mail or name and paged; each links to its own page.</summary>
public sealed class IndexModel : AdminPageModel
{
    public const int PerPage = 25;

    protected override string RequiredPermission => ManagementScopes.ReadUsers;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The page of the list, from 0 (<c>?p=</c>: Razor Pages keeps <c>page</c> for itself).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageIndex { get; set; }

    public ManagementUserPage Found { get; private set; } = new(0, PerPage, 0, 0, []);

    public async Task OnGetAsync()
    {
        var admin = HttpContext.RequestServices.GetRequiredService<UserAdmin>();
        var result = await admin.ListAsync(Q, Math.Max(PageIndex, 0), PerPage, HttpContext.RequestAborted);
        if (result.Value is { } found)
        {
            Found = found;
        }
    }
}
