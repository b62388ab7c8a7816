using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Management;
using Timesheets.Identity.Sessions;

namespace Timesheets.Identity.Pages.Admin;

/// <summary>
/// A sensitive admin action on a page of its own (delete a user, block, reset a second factor, delete a
/// role, rotate or revoke a key, rotate a secret, delete an application or an API): the GET says what
/// will happen, the POST (antiforgery) does it. The page needs the action's own permission (else 403) and
/// a recent login (<see cref="RequireRecentLoginAttribute"/>): an older one goes through the login page,
/// with the second factor when the admin has one, and comes back to this confirmation, so a forgotten
/// open session cannot be used for it. Every such page shows through <c>_Confirm.cshtml</c>.
/// </summary>
[RequireRecentLogin]
public abstract class ConfirmPageModel : AdminPageModel
{
    /// <summary>What the action is about (a user, role, key, application or API id), from the route; empty for a key rotation.</summary>
    [FromRoute]
    public string Id { get; set; } = "";

    /// <summary>The question at the top, e.g. "Delete jane@exampleco.com?".</summary>
    public string Question { get; protected set; } = "";

    /// <summary>What the action does and what it leaves alone, one sentence a line.</summary>
    public IReadOnlyList<string> Consequences { get; protected set; } = [];

    /// <summary>The confirm button's text, e.g. "Delete the user".</summary>
    public string Action { get; protected set; } = "";

    /// <summary>Where Cancel (and, after the action, the default redirect) goes: the page the action was started from.</summary>
    public string Back { get; protected set; } = "/admin";

    /// <summary>Why the service refused the action, shown above the button.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>A secret the action made (a client secret): shown on this answer only, never stored.</summary>
    public string? Secret { get; private set; }

    /// <summary>What to do with <see cref="Secret"/>.</summary>
    public string SecretNote { get; private set; } = "";

    /// <summary>Loads what the action is about and fills the texts above; false when it does not exist (404).</summary>
    protected abstract Task<bool> DescribeAsync(CancellationToken cancellationToken);

    /// <summary>Does the action through its admin service.</summary>
    private protected abstract Task<ConfirmOutcome> ActAsync(CancellationToken cancellationToken);

    public async Task<IActionResult> OnGetAsync() => await DescribeAsync(HttpContext.RequestAborted) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (!await DescribeAsync(cancellationToken))
        {
            return NotFound();
        }

        var outcome = await ActAsync(cancellationToken);
        if (outcome.Error is { } error)
        {
            ErrorMessage = error.Sentence();
            Response.StatusCode = error.Status;
            return Page();
        }

        if (outcome.Secret is { } secret)
        {
            // Shown in this response only: no redirect, no TempData.
            (Secret, SecretNote) = (secret, outcome.Notice);
            return Page();
        }

        Notice = outcome.Notice;
        return Redirect(outcome.Then ?? Back);
    }
}

/// <summary>What a confirmed action came to: a refusal, or a notice and where to go next (or a secret to show once).</summary>
internal sealed record ConfirmOutcome(AdminError? Error, string Notice = "", string? Then = null, string? Secret = null)
{
    /// <summary>A service's answer: its refusal, or <paramref name="notice"/> of its value.</summary>
    public static ConfirmOutcome Of<T>(AdminResult<T> result, Func<T, string> notice, string? then = null) =>
        result.Error is { } error ? new(error) : new(null, notice(result.Value!), then);
}

/// <summary>
/// A confirmed action on one thing (a user, role, key, application, API) named by the route's id: a
/// 404 when it does not exist, else the texts from it; Cancel goes back to its page.
/// </summary>
/// <typeparam name="T">What the admin service answers for it, e.g. <c>ManagementUser</c>.</typeparam>
public abstract class ConfirmPageModel<T> : ConfirmPageModel where T : class
{
    /// <summary>Its page, where Cancel goes.</summary>
    protected abstract string BackTo { get; }

    protected sealed override async Task<bool> DescribeAsync(CancellationToken cancellationToken)
    {
        if ((await FindAsync(cancellationToken)).Value is not { } target)
        {
            return false;
        }

        Back = BackTo;
        Describe(target);
        return true;
    }

    /// <summary>Loads it through its admin service (by <see cref="ConfirmPageModel.Id"/>).</summary>
    private protected abstract Task<AdminResult<T>> FindAsync(CancellationToken cancellationToken);

    /// <summary>Fills the question, consequences and button for it.</summary>
    private protected abstract void Describe(T target);
}
