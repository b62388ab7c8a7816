namespace Timesheets.Client.Auth;

/// <summary>
/// Raised inside the handler chain when no usable token exists; <see cref="TimesheetsClient"/> turns it
/// into a <see cref="ProblemKind.LoginRequired"/> result, so it never reaches the app.
/// </summary>
public sealed class LoginRequiredException : Exception
{
    public LoginRequiredException()
    {
    }

    public LoginRequiredException(string message)
        : base(message)
    {
    }

    public LoginRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
