using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Oidc;
using Timesheets.Identity.Security;
using Timesheets.Identity.Sessions;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Mfa;

/// <summary>What the login needs once the password is right.</summary>
internal enum AfterPassword
{
    /// <summary>No second factor: the session exists now.</summary>
    SignedIn,

    /// <summary>The code from the authenticator app (or a recovery code) comes next.</summary>
    CodeRequired,

    /// <summary>The user's role requires a second factor they do not have yet: enrolment comes next.</summary>
    EnrolmentRequired,
}

/// <summary>
/// The steps of a login after the password. Between the password and the second factor there is no
/// session: only ASP.NET Core Identity's two-factor cookie (<see cref="IdentityConstants.TwoFactorUserIdScheme"/>,
/// the user id, encrypted, short-lived), which its two-factor sign-in reads and replaces with the
/// session once the code is right.
/// </summary>
internal sealed class LoginSteps(SignInManager<ApplicationUser> signIn, MfaPolicy policy, InteractionProofs proofs,
    Data.IdentityDataContext db, TimeProvider clock, ILogger<SecurityLog.Events> logger)
{
    public async Task<AfterPassword> PasswordVerifiedAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        if (await signIn.UserManager.GetTwoFactorEnabledAsync(user))
        {
            await StartPendingAsync(user);
            return AfterPassword.CodeRequired;
        }

        if (await policy.IsRequiredAsync(user.Id, cancellationToken))
        {
            await StartPendingAsync(user);
            return AfterPassword.EnrolmentRequired;
        }

        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [AuthenticationMethods.PasswordOnly()]);
        return AfterPassword.SignedIn;
    }

    /// <summary>The user who typed the right password in this browser minutes ago and has no session yet, or null.</summary>
    public Task<ApplicationUser?> PendingUserAsync() => signIn.GetTwoFactorAuthenticationUserAsync();

    /// <summary>After a mandatory enrolment: the session, made with both factors (the password, then the app's first code).</summary>
    public async Task CompleteEnrolmentAsync(ApplicationUser user)
    {
        await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [AuthenticationMethods.WithSecondFactor()]);
    }

    /// <summary>
    /// The end of every successful login: a proof for <c>/authorize</c> that the user logged in for
    /// this very request (no consent page, max_age met), the security event, and where to go next,
    /// always a local URL (the login pages are never an open redirect). The login is counted for the
    /// admins (last login, logins count).
    /// </summary>
    public async Task<string> FinishAsync(HttpContext http, IUrlHelper url, string userId, string? returnUrl)
    {
        await db.RecordLoginAsync(userId, clock.GetUtcNow(), http.RequestAborted);
        if (LocalRequestUrl.IsFor(returnUrl, "/authorize"))
        {
            proofs.Issue(http, Interaction.LoggedIn, userId, returnUrl!);
        }

        var ip = http.Connection.RemoteIpAddress?.ToString();
        SecurityLog.LoginSucceeded(logger, userId, ip);
        return url.IsLocalUrl(returnUrl) ? returnUrl! : "/account/logged-in";
    }

    /// <summary>Identity's own two-factor cookie, as its password sign-in writes it (the user id under ClaimTypes.Name).</summary>
    private Task StartPendingAsync(ApplicationUser user) =>
        signIn.Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Id)], IdentityConstants.TwoFactorUserIdScheme)));
}
