using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Sessions;

/// <summary>
/// The user's logins in apps: OpenIddict's authorizations of the user (one per code or device login),
/// each with the tokens issued under it. Revoking one revokes its tokens too, so the app's next refresh
/// fails with <c>invalid_grant</c> and it must log in again.
/// </summary>
internal sealed class AppSessions(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens,
    IOpenIddictApplicationManager applications, TimeProvider clock)
{
    /// <summary>How many of the newest authorizations the page shows.</summary>
    public const int Shown = 50;

    /// <summary>The user's authorizations, newest first; "active" while one of its tokens can still be used.</summary>
    public async Task<IReadOnlyList<AppSession>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var found = new List<AppSession>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(userId, cancellationToken))
        {
            var id = await authorizations.GetIdAsync(authorization, cancellationToken) ?? "";
            var valid = await authorizations.HasStatusAsync(authorization, Statuses.Valid, cancellationToken);
            found.Add(new AppSession(id, await ApplicationNameAsync(authorization, cancellationToken),
                await authorizations.GetCreationDateAsync(authorization, cancellationToken),
                valid && await HasUsableTokenAsync(id, cancellationToken)));
        }

        return [.. found.OrderByDescending(s => s.CreatedAt).Take(Shown)];
    }

    /// <summary>Revokes one of the user's authorizations and its tokens; the client id, or null when it is not the user's.</summary>
    public async Task<string?> RevokeAsync(string userId, string authorizationId, CancellationToken cancellationToken)
    {
        var authorization = await authorizations.FindByIdAsync(authorizationId, cancellationToken);
        if (authorization is null || !string.Equals(await authorizations.GetSubjectAsync(authorization, cancellationToken), userId, StringComparison.Ordinal))
        {
            return null;
        }

        await authorizations.TryRevokeAsync(authorization, cancellationToken);
        await tokens.RevokeByAuthorizationIdAsync(authorizationId, cancellationToken);
        return await ClientIdAsync(authorization, cancellationToken);
    }

    /// <summary>Revokes every authorization and token of the user: each app logs in again.</summary>
    public async Task RevokeAllAsync(string userId, CancellationToken cancellationToken)
    {
        await authorizations.RevokeBySubjectAsync(userId, cancellationToken);
        await tokens.RevokeBySubjectAsync(userId, cancellationToken);
    }

    private async Task<bool> HasUsableTokenAsync(string authorizationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await foreach (var token in tokens.FindByAuthorizationIdAsync(authorizationId, cancellationToken))
        {
            if (await tokens.HasStatusAsync(token, Statuses.Valid, cancellationToken) &&
                await tokens.GetExpirationDateAsync(token, cancellationToken) is { } expires && expires > now)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<string> ApplicationNameAsync(object authorization, CancellationToken cancellationToken)
    {
        var applicationId = await authorizations.GetApplicationIdAsync(authorization, cancellationToken);
        var application = applicationId is null ? null : await applications.FindByIdAsync(applicationId, cancellationToken);
        return application is null
            ? "An application that no longer exists"
            : await applications.GetLocalizedDisplayNameAsync(application, cancellationToken) ?? await applications.GetClientIdAsync(application, cancellationToken) ?? "";
    }

    private async Task<string?> ClientIdAsync(object authorization, CancellationToken cancellationToken) =>
        await authorizations.GetApplicationIdAsync(authorization, cancellationToken) is { } applicationId &&
        await applications.FindByIdAsync(applicationId, cancellationToken) is { } application
            ? await applications.GetClientIdAsync(application, cancellationToken)
            : null;
}

/// <summary>One login of the user in an app, as the "my sessions" page lists it.</summary>
internal sealed record AppSession(string Id, string Application, DateTimeOffset? CreatedAt, bool Active);
