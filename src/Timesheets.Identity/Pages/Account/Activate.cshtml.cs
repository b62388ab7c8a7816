using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Timesheets.Identity.Mfa;
using Timesheets.Identity.Oidc;
using Timesheets.Identity.Security;
using Timesheets.Identity.Sessions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Pages.Account;

/// <summary>
/// <c>/activate</c>, the end-user verification page of the device grant (RFC 8628 §3.3). OpenIddict has
/// already looked up the user code (typed here, or carried by <c>verification_uri_complete</c>); this page
/// asks for a login when there is no session, then "Connect &lt;application&gt; as &lt;user&gt;?". Allow
/// and Deny are POSTs with an antiforgery token (Razor Pages check it). Allow hands OpenIddict the same
/// identity the code flow would give this user and client; Deny makes the device's next poll
/// <c>access_denied</c>. A wrong, used or expired code shows the form again with a message.
/// </summary>
public sealed class ActivateModel(IOpenIddictApplicationManager applications) : PageModel
{
    internal const string WrongCodeMessage =
        "That code is not valid. Check the code your device shows and type it again; codes can be used once and expire after a few minutes.";

    public const string DonePage = "/activate/done";

    private UserSessions Sessions => HttpContext.RequestServices.GetRequiredService<UserSessions>();

    private PrincipalFactory Principals => HttpContext.RequestServices.GetRequiredService<PrincipalFactory>();

    private ILogger Log => HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(SecurityLog.Category);

    /// <summary>The code as the device shows it (BDWP-HQPK), however it was typed; shown back in the form.</summary>
    public string? UserCode { get; private set; }

    public string? ErrorMessage { get; private set; }

    /// <summary>Set once the code is valid and the user logged in: the confirmation is shown instead of the form.</summary>
    public string? Application { get; private set; }

    public string UserName { get; private set; } = "";

    /// <summary>What the device will be allowed to do, in words.</summary>
    public IReadOnlyList<string> Scopes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        UserCode = ReadUserCode();
        if (string.IsNullOrEmpty(UserCode))
        {
            return Page();
        }

        if (await FindDeviceRequestAsync() is not { } device)
        {
            return WrongCode();
        }

        if (await Sessions.FindAsync(HttpContext, cancellationToken) is not { } session)
        {
            return LogIn();
        }

        var clientId = device.GetClaim(Claims.ClientId)!;
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        Application = application is null ? clientId : await applications.GetLocalizedDisplayNameAsync(application, cancellationToken) ?? clientId;
        UserName = session.Account.User.Email ?? session.Account.User.UserName ?? "";
        Scopes = DeviceScopes.Describe((await GrantAsync(device, session, cancellationToken)).GetScopes());
        return Page();
    }

    public Task<IActionResult> OnPostAllowAsync(CancellationToken cancellationToken) => DecideAsync(allow: true, cancellationToken);

    public Task<IActionResult> OnPostDenyAsync(CancellationToken cancellationToken) => DecideAsync(allow: false, cancellationToken);

    private async Task<IActionResult> DecideAsync(bool allow, CancellationToken cancellationToken)
    {
        UserCode = ReadUserCode();
        if (await FindDeviceRequestAsync() is not { } device)
        {
            return WrongCode();
        }

        if (await Sessions.FindAsync(HttpContext, cancellationToken) is not { } session)
        {
            return LogIn();
        }

        var clientId = device.GetClaim(Claims.ClientId)!;
        if (!allow)
        {
            SecurityLog.DeviceDenied(Log, session.UserId, clientId);
            // OpenIddict marks the device code rejected: the device's next poll gets access_denied.
            return Forbid(new AuthenticationProperties { RedirectUri = DonePage + "?denied=true" }, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        SecurityLog.DeviceAllowed(Log, session.UserId, clientId);
        // OpenIddict stores this identity in the device code, marks it valid and spends the user code.
        return SignIn(await GrantAsync(device, session, cancellationToken), new AuthenticationProperties { RedirectUri = DonePage },
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private string? ReadUserCode() =>
        HttpContext.GetOpenIddictServerRequest()?.UserCode is { Length: > 0 } code ? DeviceFlowHandlers.Display(code) : null;

    /// <summary>The device's request behind the user code (client and scopes), or null for a wrong, used or expired code.</summary>
    private async Task<ClaimsPrincipal?> FindDeviceRequestAsync()
    {
        var result = await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        return result is { Succeeded: true, Principal: { } principal } && !string.IsNullOrEmpty(principal.GetClaim(Claims.ClientId))
            ? principal
            : null;
    }

    /// <summary>The identity the code flow gives this user through this client (PRODUCT.md §2 scope rule).</summary>
    private async Task<ClaimsPrincipal> GrantAsync(ClaimsPrincipal device, Session session, CancellationToken cancellationToken)
    {
        var clientScopes = await Principals.ClientApiScopesAsync(device.GetClaim(Claims.ClientId), cancellationToken);
        // The device request named at most one API (DeviceFlowHandlers.ValidateResources); else the Timesheets API.
        var audience = Principals.AudienceOf([], device) ?? Configuration.ApiResource.Identifier;
        var principal = Principals.CreateForUser(session.Account, device.GetScopes(), clientScopes, session.AuthenticatedAt, grantedLimit: null, audience);
        AuthenticationMethods.Apply(principal, session.UsedSecondFactor);
        return principal;
    }

    private PageResult WrongCode()
    {
        ErrorMessage = WrongCodeMessage;
        return Page();
    }

    /// <summary>To the login page, back here with the code afterwards (as a GET: the form's POST is not replayed).</summary>
    private ChallengeResult LogIn() =>
        Challenge(new AuthenticationProperties { RedirectUri = OidcPaths.EndUserVerification + QueryString.Create(Parameters.UserCode, UserCode ?? "") },
            IdentityConstants.ApplicationScheme);
}
