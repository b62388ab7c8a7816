using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Management;

namespace Timesheets.Identity.Pages.Admin;

/// <summary>
/// An admin page whose forms change something through an admin service (<c>UserAdmin</c>,
/// <c>RoleAdmin</c>): each handler checks its own permission, calls the service, and either
/// redirects back with a notice (post-redirect-get) or shows the service's refusal on the page.
/// </summary>
public abstract class AdminFormPageModel : AdminPageModel
{
    /// <summary>Why the last change was refused, shown above the forms.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Loads what the page shows; called by GET and again when a change was refused.</summary>
    protected abstract Task<IActionResult> LoadAsync(CancellationToken cancellationToken);

    public Task<IActionResult> OnGetAsync() => LoadAsync(HttpContext.RequestAborted);

    /// <param name="permission">The Management API permission the change needs (the same as its endpoint's scope).</param>
    /// <param name="change">The service call.</param>
    /// <param name="notice">What to tell the admin after it.</param>
    /// <param name="then">Where to go after it; by default back to this page.</param>
    internal async Task<IActionResult> ChangeAsync<T>(string permission, Func<CancellationToken, Task<AdminResult<T>>> change,
        Func<T, string> notice, Func<T, Task<IActionResult>>? then = null)
    {
        if (!Can(permission))
        {
            return Forbidden();
        }

        var result = await change(HttpContext.RequestAborted);
        if (result.Error is { } error)
        {
            ErrorMessage = error.Sentence();
            Response.StatusCode = error.Status;
            return await LoadAsync(HttpContext.RequestAborted);
        }

        Notice = notice(result.Value!);
        return then is null ? RedirectToPage() : await then(result.Value!);
    }
}
