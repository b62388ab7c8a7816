using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Management.Invitations;

/// <summary>
/// The one-time links to <c>/account/set-password</c>: an invitation (a new user, <c>create-admin</c>)
/// or a password reset (an existing user). A link is the user id and an Identity token, under the
/// issuer's address so it works behind a proxy as the user sees the server. Links are secrets:
/// they are returned or mailed, never logged nor stored.
/// </summary>
internal sealed class SetPasswordLinks(UserManager<ApplicationUser> users, IOptions<IdentitySettings> identity, TimeProvider clock)
{
    public const string PagePath = "account/set-password";

    public async Task<string> InvitationAsync(ApplicationUser user) =>
        Link(user.Id, await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose));

    public async Task<string> PasswordResetAsync(ApplicationUser user) =>
        Link(user.Id, await users.GeneratePasswordResetTokenAsync(user));

    /// <summary>Whether <paramref name="token"/> is a live invitation or reset token of this user.</summary>
    public async Task<bool> IsValidAsync(ApplicationUser user, string token) =>
        await users.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose, token)
        || await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<ApplicationUser>.ResetPasswordTokenPurpose, token);

    /// <summary>
    /// Sets the password through the link's token and confirms the e-mail (the link reached that
    /// mailbox, or an admin handed it over). Identity's reset path validates the password and writes a
    /// new security stamp, so the link (and every other outstanding one) stops working.
    /// </summary>
    public async Task<IdentityResult> SetPasswordAsync(ApplicationUser user, string token, string password)
    {
        if (!await IsValidAsync(user, token))
        {
            return IdentityResult.Failed(users.ErrorDescriber.InvalidToken());
        }

        user.EmailConfirmed = true;
        user.UpdatedAt = clock.GetUtcNow();
        return await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
    }

    private string Link(string userId, string token) =>
        QueryHelpers.AddQueryString(identity.Value.Issuer + PagePath, new Dictionary<string, string?> { ["user"] = userId, ["token"] = token });
}
