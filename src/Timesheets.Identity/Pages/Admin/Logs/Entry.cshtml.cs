using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Management.Logs;

namespace Timesheets.Identity.Pages.Admin.Logs;

/// <summary>One log entry, with the target before and after a change.</summary>
public sealed class EntryModel : AdminPageModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    protected override string RequiredPermission => ManagementScopes.ReadLogs;

    [FromRoute]
    public string Id { get; set; } = "";

    public LogResponse Entry { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var found = await HttpContext.RequestServices.GetRequiredService<LogQuery>().GetAsync(Id, cancellationToken);
        if (!found.Succeeded)
        {
            return NotFound();
        }

        Entry = found.Value!;
        return Page();
    }

    public static string Pretty(JsonElement? json) => json is { } value ? JsonSerializer.Serialize(value, Indented) : "—";
}
