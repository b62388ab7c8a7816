using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Timesheets.Identity.Security;
using Timesheets.Identity.Users;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Pages.Account;

/// <summary>
/// <c>/account/password</c>: the user changes their own password (the current one, then a new one that
/// meets <see cref="PasswordRules"/>). A wrong current password counts like a failed login, so a stolen
/// session cannot guess it; a new security stamp ends the user's other browser sessions, and this one
/// is issued again.
/// </summary>
public sealed class PasswordModel : AccountPageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your current password.")]
    [StringLength(512)]
    public string CurrentPassword { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter a new password.")]
    [StringLength(512, MinimumLength = PasswordRules.MinimumLength, ErrorMessage = "The new password needs at least {2} characters.")]
    public string NewPassword { get; set; } = "";

    [BindProperty]
    [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords differ.")]
    public string ConfirmPassword { get; set; } = "";

    public string? ErrorMessage { get; private set; }

    public bool Changed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Clear();
        }

        var user = await LoadUserAsync();
        var throttle = HttpContext.RequestServices.GetRequiredService<LoginThrottle>();
        var pair = throttle.PairKey(user.NormalizedEmail ?? "", ClientAddress.Key(HttpContext));
        if (!await throttle.TryReserveAsync(pair, throttle.AccountKey(user.NormalizedEmail ?? ""), cancellationToken) || !await Users.CheckPasswordAsync(user, CurrentPassword))
        {
            await throttle.FailedAsync(pair, cancellationToken);
            SecurityLog.LoginFailed(SecurityLogger, user.Id, HttpContext.Connection.RemoteIpAddress?.ToString());
            ErrorMessage = "The current password is wrong, or there were too many attempts.";
            return Clear();
        }

        await throttle.SucceededAsync(pair, cancellationToken);
        var result = await Users.ChangePasswordAsync(user, CurrentPassword, NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(NewPassword), error.Description);
            }

            return Clear();
        }

        // The new stamp ended every session of the user, this one too: issue it again, as it was (same amr).
        await SignInManager.RefreshSignInAsync(user);
        SecurityLog.PasswordChanged(SecurityLogger, user.Id);
        Changed = true;
        return Clear();
    }

    /// <summary>Passwords are never sent back in the page.</summary>
    private PageResult Clear()
    {
        CurrentPassword = NewPassword = ConfirmPassword = "";
        return Page();
    }
}
