using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Timesheets.Identity.Data;
using Timesheets.Identity.Oidc;
using Timesheets.Identity.Security;
using Timesheets.Identity.Sessions;
using Timesheets.Identity.Users;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Pages.Account;

/// <summary>
/// Email + password login. Unknown user, wrong password, disabled account and blocked (account,
/// address) pair all get the same message, and every failure path costs exactly one password hash,
/// so neither the page nor its timing tells an attacker which emails have accounts or which are
/// blocked. Failures block the pair, never the account (<see cref="LoginThrottle"/>).
/// </summary>
public sealed class LoginModel(SignInManager<ApplicationUser> signIn, ILoggerFactory loggers) : PageModel
{
    internal const string FailureMessage = "Wrong email or password, or the account is temporarily locked after too many attempts.";

    // A hash of a random password, verified when the email is unknown so both paths hash once.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Guid.NewGuid().ToString()));

    private readonly ILogger _log = loggers.CreateLogger(SecurityLog.Category);

    // An internal service: a page model is public, so it cannot take one in its constructor.
    private LoginThrottle Throttle => HttpContext.RequestServices.GetRequiredService<LoginThrottle>();

    [BindProperty]
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(256)]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(512)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorMessage { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var ip = HttpContext.Connection.RemoteIpAddress?.ToString();
        var cancellationToken = HttpContext.RequestAborted;
        var client = ClientAddress.Key(HttpContext);
        var throttle = Throttle;
        var normalizedEmail = signIn.UserManager.NormalizeEmail(Email);
        var pair = throttle.PairKey(normalizedEmail, client);

        // The slot is taken before anything is looked up or verified, the same way for known and
        // unknown emails: a blocked pair is refused at the cost of one (dummy) hash, like any failure.
        if (!await throttle.TryReserveAsync(pair, throttle.AccountKey(normalizedEmail), cancellationToken))
        {
            SpendDummyHash();
            SecurityLog.LoginRefusedBlocked(_log, client);
            return Failed();
        }

        var user = await signIn.UserManager.FindByEmailAsync(Email);

        // Every failure path spends exactly one password hash, like a wrong password does: a locked,
        // disabled or not-allowed account (Identity refuses those before hashing) or one without a
        // password must not answer faster than an account with a guessable password.
        if (user is null)
        {
            SpendDummyHash();
            SecurityLog.LoginFailedUnknownUser(_log, ip);
            return await FailedAsync(pair, client);
        }

        if (user.PasswordHash is null)
        {
            SpendDummyHash();
            SecurityLog.LoginFailed(_log, user.Id, ip);
            return await FailedAsync(pair, client);
        }

        if (await signIn.UserManager.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            SpendDummyHash();
            SecurityLog.LoginLockedOut(_log, user.Id, ip);
            return await FailedAsync(pair, client);
        }

        // lockoutOnFailure: false — failures block the (account, address) pair, not the account.
        var result = await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: false);

        if (!result.Succeeded)
        {
            SecurityLog.LoginFailed(_log, user.Id, ip);
            return await FailedAsync(pair, client);
        }

        await throttle.SucceededAsync(pair, cancellationToken);
        await HttpContext.RequestServices.GetRequiredService<IdentityDataContext>().RecordLoginAsync(user.Id,
            HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
        await signIn.SignInAsync(user, isPersistent: false);
        // The password was typed for this very authorization request: /authorize needs no consent page.
        if (LocalRequestUrl.IsFor(ReturnUrl, "/authorize"))
        {
            HttpContext.RequestServices.GetRequiredService<InteractionProofs>().Issue(HttpContext, Interaction.LoggedIn, user.Id, ReturnUrl!);
        }
        SecurityLog.LoginSucceeded(_log, user.Id, ip);

        // Only local return URLs: the login page is never an open redirect.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/account/logged-in");
    }

    private void SpendDummyHash() =>
        signIn.UserManager.PasswordHasher.VerifyHashedPassword(new ApplicationUser(), DummyHash.Value, Password);

    private async Task<PageResult> FailedAsync(string pair, string client)
    {
        if (await Throttle.FailedAsync(pair, HttpContext.RequestAborted) is { } blockedFor)
        {
            SecurityLog.LoginPairBlocked(_log, pair[..16], client, blockedFor);
        }

        return Failed();
    }

    private PageResult Failed()
    {
        ErrorMessage = FailureMessage;
        Password = "";
        return Page();
    }
}
