namespace Timesheets.App.Ui.Session;

/// <summary>
/// How the host logs a person in and out: the browser app by redirecting to Identity
/// (code + PKCE), a MAUI shell by its system browser. The pages only ask for it.
/// </summary>
public interface ILoginFlow
{
    /// <summary>Leaves for the login page; the person comes back to <paramref name="returnPath"/>.</summary>
    Task LogInAsync(string returnPath, CancellationToken cancellationToken);

    /// <summary>Finishes a login from the redirect back: the path to go on to, or the problem to show.</summary>
    Task<LoginOutcome> CompleteAsync(Uri callback, CancellationToken cancellationToken);

    /// <summary>Revokes the refresh token, forgets every stored token and ends the Identity session.</summary>
    Task LogOutAsync(CancellationToken cancellationToken);
}

/// <summary>Where a finished login goes on to, or why it did not finish.</summary>
public sealed record LoginOutcome(string? ReturnPath, string? Error)
{
    public static LoginOutcome Done(string returnPath) => new(returnPath, null);

    public static LoginOutcome Failed(string error) => new(null, error);
}
