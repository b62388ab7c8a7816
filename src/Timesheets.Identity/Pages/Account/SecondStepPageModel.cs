using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Timesheets.Identity.Mfa;

namespace Timesheets.Identity.Pages.Account;

/// <summary>
/// A login step after the password (the code, or a mandatory enrolment): one code field, the request
/// the login started from, and the way back to the login page when the two-factor cookie is gone.
/// </summary>
public abstract class SecondStepPageModel : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the code from your authenticator app.")]
    [StringLength(32)]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorMessage { get; protected set; }

    internal LoginSteps Steps => HttpContext.RequestServices.GetRequiredService<LoginSteps>();

    /// <summary>No password typed here recently (or the cookie expired): the login starts again.</summary>
    internal RedirectToPageResult BackToLogin() => RedirectToPage("/Account/Login", new { ReturnUrl });
}
