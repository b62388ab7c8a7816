using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Management.Clients;

namespace Timesheets.Identity.Pages.Admin.Applications;

/// <summary>The applications, and the form that registers one (a machine client's secret is shown here once).</summary>
public sealed class IndexModel : AdminPageModel
{
    protected override string RequiredPermission => ManagementScopes.ReadClients;

    public IReadOnlyList<ClientResponse> Clients { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string AppType { get; set; } = AppTypes.Native;

    [BindProperty]
    public string? Callbacks { get; set; }

    /// <summary>The application just registered with its secret: shown once, on this answer only.</summary>
    public ClientResponse? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Can(ManagementScopes.CreateClients))
        {
            return Forbidden();
        }

        var result = await Service.CreateAsync(new ClientCreateRequest
        {
            Name = Name, AppType = AppType, Callbacks = AppType == AppTypes.NonInteractive ? null : PageInput.Lines(Callbacks),
        }, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.Show(result.Error!);
        }
        else if (result.Value!.ClientSecret is not null)
        {
            Created = result.Value;
        }
        else
        {
            Notice = $"Registered {result.Value.Name}.";
            return RedirectToPage("Edit", new { id = result.Value.ClientId });
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private ClientAdmin Service => HttpContext.RequestServices.GetRequiredService<ClientAdmin>();

    private async Task LoadAsync(CancellationToken cancellationToken) => Clients = await Service.ListAsync(cancellationToken);
}
