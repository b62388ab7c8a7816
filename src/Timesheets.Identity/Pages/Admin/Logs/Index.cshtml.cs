using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Management.Logs;

namespace Timesheets.Identity.Pages.Admin.Logs;

/// <summary>The log, newest first, filtered by type, user, dates and text, a page at a time.</summary>
public sealed class IndexModel : AdminPageModel
{
    public const int PerPage = 50;

    protected override string RequiredPermission => ManagementScopes.ReadLogs;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; }

    public LogPage Result { get; private set; } = new(0, PerPage, 0, 0, []);

    public static readonly IReadOnlyList<(string Code, string Label)> Types =
    [
        (LogTypes.Login, "Login"), (LogTypes.FailedLogin, "Failed login"), (LogTypes.FailedLoginUnknownUser, "Failed login, unknown user"),
        (LogTypes.BlockedAccount, "Blocked"), (LogTypes.Logout, "Logout"), (LogTypes.TokenExchange, "Token (code)"),
        (LogTypes.ClientCredentialsExchange, "Token (machine)"), (LogTypes.RefreshTokenExchange, "Token (refresh)"),
        (LogTypes.FailedTokenExchange, "Token refused"), (LogTypes.RefreshReuse, "Refresh token reuse"), (LogTypes.TokenRevoked, "Revocation"),
        (LogTypes.DeviceAllowed, "Device allowed"), (LogTypes.DeviceDenied, "Device denied"), (LogTypes.RateLimited, "Rate limit"),
        (LogTypes.ManagementApiChange, "Change (Management API)"), (LogTypes.AdminPageChange, "Change (admin pages)"),
    ];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await HttpContext.RequestServices.GetRequiredService<LogQuery>()
            .SearchAsync(new LogFilter(Q, Type, UserId, From, To, Math.Max(PageNumber, 0), PerPage, IncludeTotals: true), cancellationToken);
        if (result.Succeeded)
        {
            Result = result.Value!;
        }
        else
        {
            ModelState.Show(result.Error!);
        }
    }

    /// <summary>This page's address with another page number, the filters kept.</summary>
    public string PageUrl(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["type"] = Type, ["user"] = UserId, ["from"] = From, ["to"] = To, ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
