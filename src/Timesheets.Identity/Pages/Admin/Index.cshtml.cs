namespace Timesheets.Identity.Pages.Admin;

/// <summary>The admin home: a card per area. Any admin who may read users sees it.</summary>
public sealed class IndexModel : AdminPageModel
{
    protected override string RequiredPermission => ManagementScopes.ReadUsers;

    public void OnGet()
    {
    }
}
