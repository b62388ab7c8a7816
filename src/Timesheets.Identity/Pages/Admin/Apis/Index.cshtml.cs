using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Management.ResourceServers;

namespace Timesheets.Identity.Pages.Admin.Apis;

/// <summary>The APIs tokens are issued for, and the form that registers one.</summary>
public sealed class IndexModel : AdminPageModel
{
    protected override string RequiredPermission => ManagementScopes.ReadResourceServers;

    public IReadOnlyList<ResourceServerResponse> Apis { get; private set; } = [];

    [BindProperty]
    public string? Identifier { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Scopes { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Apis = await Service.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Can(ManagementScopes.CreateResourceServers))
        {
            return Forbidden();
        }

        var result = await Service.CreateAsync(new ResourceServerCreateRequest { Identifier = Identifier, Name = Name, Scopes = ApiScopeLines.Parse(Scopes) }, cancellationToken);
        if (result.Succeeded)
        {
            Notice = $"Registered {result.Value!.Name}.";
            return RedirectToPage("Edit", new { id = result.Value.Id });
        }

        ModelState.Show(result.Error!);
        Apis = await Service.ListAsync(cancellationToken);
        return Page();
    }

    private ResourceServerAdmin Service => HttpContext.RequestServices.GetRequiredService<ResourceServerAdmin>();
}

/// <summary>Permissions in a textarea: one per line, the name, then a space and the description.</summary>
internal static class ApiScopeLines
{
    public static List<ResourceServerScope> Parse(string? text) =>
        [.. PageInput.Lines(text).Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Select(parts => new ResourceServerScope { Value = parts[0], Description = parts.Length > 1 ? parts[1] : "" })];

    public static string Format(IEnumerable<ResourceServerScope> scopes) =>
        string.Join('\n', scopes.Select(s => string.IsNullOrEmpty(s.Description) ? s.Value : $"{s.Value} {s.Description}"));
}
