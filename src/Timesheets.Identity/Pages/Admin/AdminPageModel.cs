using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Pages.Account;
using Timesheets.Identity.Sessions;

namespace Timesheets.Identity.Pages.Admin;

/// <summary>
/// The base of every admin page: an account page (<see cref="AccountPageModel"/>: the login session is
/// checked against the database on each request, so a blocked, deleted or demoted admin is out at once;
/// no session: the login page, then back here) whose user must also hold <see cref="RequiredPermission"/>
/// (a Management API permission, through the user's roles), else 403. Handlers that change something
/// check their own permission with <see cref="Can"/>. POSTs carry an antiforgery token (Razor Pages check it).
/// The login cookie is the request's user, so <c>AdminLog</c> names who made a change on a page.
/// </summary>
public abstract class AdminPageModel : AccountPageModel
{
    /// <summary>The permission needed to see the page, e.g. <c>read:users</c>.</summary>
    protected abstract string RequiredPermission { get; }

    /// <summary>The signed-in admin; set before any handler runs.</summary>
    internal Session AdminSession => CurrentSession;

    public string AdminEmail => UserName;

    /// <summary>A message shown once after a change (post-redirect-get).</summary>
    [TempData]
    public string? Notice { get; set; }

    public bool Can(string permission) => AdminSession.Account.Has(permission);

    private protected override IActionResult? Authorize(Session session) => session.Account.Has(RequiredPermission) ? null : Forbidden();

    /// <summary>403 with a page that says why, for a handler the admin lacks the permission of.</summary>
    protected IActionResult Forbidden() => new ViewResult { ViewName = "/Pages/Admin/Forbidden.cshtml", StatusCode = StatusCodes.Status403Forbidden };
}
