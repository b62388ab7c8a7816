using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Timesheets.Identity.Management.Invitations;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Pages.Account;

/// <summary>
/// Where an invitation or password reset link leads: the person chooses a password (the policy of
/// <see cref="PasswordRules"/>), which also confirms their e-mail, then logs in. The link works once
/// (the password change writes a new security stamp) and until it expires; looking at the page does
/// not use it up. Unknown user, wrong token and expired link all get the same answer.
/// </summary>
public sealed class SetPasswordModel(UserManager<ApplicationUser> users) : PageModel
{
    internal const string InvalidLink = "This link has expired or has already been used. Ask your administrator for a new one.";

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(512, MinimumLength = PasswordRules.MinimumLength, ErrorMessage = "Use at least {2} characters.")]
    public string Password { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Type the password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    public string ConfirmPassword { get; set; } = "";

    public string? Email { get; private set; }

    public string? ErrorMessage { get; private set; }

    public bool LinkValid { get; private set; }

    // An internal service: a page model is public, so it cannot take one in its constructor.
    private SetPasswordLinks Links => HttpContext.RequestServices.GetRequiredService<SetPasswordLinks>();

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        await CheckLinkAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await CheckLinkAsync();
        if (user is null || !ModelState.IsValid)
        {
            return Page();
        }

        var result = await Links.SetPasswordAsync(user, Token!, Password);
        if (!result.Succeeded)
        {
            ErrorMessage = string.Join(" ", result.Errors.Select(e => e.Description));
            LinkValid = await Links.IsValidAsync(user, Token!);
            return Page();
        }

        return RedirectToPage("/Account/PasswordSet");
    }

    private async Task<ApplicationUser?> CheckLinkAsync()
    {
        var user = string.IsNullOrEmpty(UserId) || UserId.Length > 450 || string.IsNullOrEmpty(Token) ? null : await users.FindByIdAsync(UserId);
        LinkValid = user is not null && await Links.IsValidAsync(user, Token!);
        if (!LinkValid)
        {
            ErrorMessage = InvalidLink;
            return null;
        }

        Email = user!.Email;
        return user;
    }
}
