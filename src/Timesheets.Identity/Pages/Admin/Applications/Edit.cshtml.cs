using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Management;
using Timesheets.Identity.Management.Clients;
using Timesheets.Identity.Management.ResourceServers;

namespace Timesheets.Identity.Pages.Admin.Applications;

/// <summary>
/// One application: its URLs and grants, the APIs and permissions it gets; links to rotate its secret
/// (<see cref="RotateSecretModel"/>) and delete it (<see cref="DeleteModel"/>), confirmed on pages of their own.
/// </summary>
public sealed class EditModel : AdminPageModel
{
    protected override string RequiredPermission => ManagementScopes.ReadClients;

    [FromRoute]
    public string Id { get; set; } = "";

    public ClientResponse Client { get; private set; } = null!;

    public IReadOnlyList<ResourceServerResponse> Apis { get; private set; } = [];

    public IReadOnlyList<ClientGrantResponse> Grants { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Callbacks { get; set; }

    [BindProperty]
    public string? LogoutUrls { get; set; }

    [BindProperty]
    public List<string> GrantTypes { get; set; } = [];

    /// <summary>The APIs ticked in the access form.</summary>
    [BindProperty]
    public List<string> Access { get; set; } = [];

    /// <summary>The permissions ticked in the access form (names are unique across APIs).</summary>
    [BindProperty]
    public List<string> Permissions { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(fillForm: true, cancellationToken);

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) =>
        await ChangeAsync(ManagementScopes.UpdateClients, "Saved.", () => Service<ClientAdmin>().UpdateAsync(Id, new ClientUpdateRequest
        {
            Name = Name, Callbacks = PageInput.Lines(Callbacks), AllowedLogoutUrls = PageInput.Lines(LogoutUrls), GrantTypes = GrantTypes,
        }, cancellationToken), cancellationToken);

    /// <summary>Creates, changes or removes the client grant of each API to match the ticked boxes.</summary>
    public async Task<IActionResult> OnPostAccessAsync(CancellationToken cancellationToken)
    {
        if (!Can(ManagementScopes.UpdateClients))
        {
            return Forbidden();
        }

        var grants = Service<ClientGrantAdmin>();
        var existing = await grants.ListAsync(Id, null, cancellationToken);
        foreach (var api in await Service<ResourceServerAdmin>().ListAsync(cancellationToken))
        {
            var scope = api.Scopes.Select(s => s.Value!).Where(Permissions.Contains).ToList();
            var grant = existing.FirstOrDefault(g => g.Audience == api.Identifier);
            var error = (Access.Contains(api.Identifier), grant) switch
            {
                (true, null) => (await grants.CreateAsync(new ClientGrantCreateRequest { ClientId = Id, Audience = api.Identifier, Scope = scope }, cancellationToken)).Error,
                (true, { } g) when !g.Scope.Order().SequenceEqual(scope.Order()) => (await grants.UpdateAsync(g.Id, new ClientGrantUpdateRequest { Scope = scope }, cancellationToken)).Error,
                (false, { } g) => (await grants.DeleteAsync(g.Id, cancellationToken)).Error,
                _ => null,
            };
            if (error is not null)
            {
                ModelState.Show(error);
                return await LoadAsync(fillForm: false, cancellationToken);
            }
        }

        Notice = "API access saved.";
        return RedirectToPage(new { id = Id });
    }

    private async Task<IActionResult> ChangeAsync(string permission, string notice, Func<Task<AdminResult<ClientResponse>>> change, CancellationToken cancellationToken)
    {
        if (!Can(permission))
        {
            return Forbidden();
        }

        var result = await change();
        if (!result.Succeeded)
        {
            ModelState.Show(result.Error!);
            return await LoadAsync(fillForm: false, cancellationToken);
        }

        Notice = notice;
        return RedirectToPage(new { id = Id });
    }

    private T Service<T>() where T : notnull => HttpContext.RequestServices.GetRequiredService<T>();

    private async Task<IActionResult> LoadAsync(bool fillForm, CancellationToken cancellationToken)
    {
        var found = await Service<ClientAdmin>().GetAsync(Id, cancellationToken);
        if (!found.Succeeded)
        {
            return NotFound();
        }

        Client = found.Value!;
        Apis = await Service<ResourceServerAdmin>().ListAsync(cancellationToken);
        Grants = await Service<ClientGrantAdmin>().ListAsync(Id, null, cancellationToken);
        if (fillForm)
        {
            Name = Client.Name;
            Callbacks = string.Join('\n', Client.Callbacks);
            LogoutUrls = string.Join('\n', Client.AllowedLogoutUrls);
            GrantTypes = [.. Client.GrantTypes];
        }

        return Page();
    }
}
