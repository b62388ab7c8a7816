using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Management.ResourceServers;

namespace Timesheets.Identity.Pages.Admin.Apis;

/// <summary>One API: name, token lifetime, offline access, permissions; a link to delete one that is not a system one (<see cref="DeleteModel"/>).</summary>
public sealed class EditModel : AdminPageModel
{
    protected override string RequiredPermission => ManagementScopes.ReadResourceServers;

    [FromRoute]
    public string Id { get; set; } = "";

    public ResourceServerResponse Api { get; private set; } = null!;

    public int MaxLifetime => (int)Service.MaxLifetime.TotalSeconds;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public int TokenLifetime { get; set; }

    [BindProperty]
    public bool AllowOfflineAccess { get; set; }

    [BindProperty]
    public string? Scopes { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(fillForm: true, cancellationToken);

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!Can(ManagementScopes.UpdateResourceServers))
        {
            return Forbidden();
        }

        if (await LoadAsync(fillForm: false, cancellationToken) is not Microsoft.AspNetCore.Mvc.RazorPages.PageResult)
        {
            return NotFound();
        }

        var result = await Service.UpdateAsync(Id, new ResourceServerUpdateRequest
        {
            Name = Name, TokenLifetime = TokenLifetime, AllowOfflineAccess = AllowOfflineAccess,
            Scopes = Api.IsSystem ? null : ApiScopeLines.Parse(Scopes),
        }, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.Show(result.Error!);
            return Page();
        }

        Notice = "Saved.";
        return RedirectToPage(new { id = Id });
    }

    private ResourceServerAdmin Service => HttpContext.RequestServices.GetRequiredService<ResourceServerAdmin>();

    private async Task<IActionResult> LoadAsync(bool fillForm, CancellationToken cancellationToken)
    {
        var found = await Service.GetAsync(Id, cancellationToken);
        if (!found.Succeeded)
        {
            return NotFound();
        }

        Api = found.Value!;
        if (fillForm)
        {
            Name = Api.Name;
            TokenLifetime = Api.TokenLifetime;
            AllowOfflineAccess = Api.AllowOfflineAccess;
            Scopes = ApiScopeLines.Format(Api.Scopes);
        }

        return Page();
    }
}
