using Timesheets.Client.Auth;
using Timesheets.Client.Rules;

namespace Timesheets.App.Ui.Session;

/// <summary>
/// The signed-in person as the screens see them, read from the stored tokens; <see cref="Changed"/>
/// tells the layout to look again (after a login, a logout, or a session the server ended).
/// </summary>
public sealed class UserSession(TokenSession tokens)
{
    public event Action? Changed;

    public async Task<SignedInUser?> CurrentAsync(CancellationToken cancellationToken) =>
        await tokens.CurrentAsync(cancellationToken) is { } current
            ? SignedInUser.From(current.IdToken, Grants.FromScope(current.Scope))
            : null;

    /// <summary>Called when a call answered <see cref="Timesheets.Client.ProblemKind.LoginRequired"/>: the tokens are gone, show the login.</summary>
    public void NotifyChanged() => Changed?.Invoke();
}
