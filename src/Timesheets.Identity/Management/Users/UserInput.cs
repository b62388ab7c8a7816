using System.Net.Mail;

namespace Timesheets.Identity.Management.Users;

/// <summary>
/// The rules of a user's profile fields, checked before anything is written: the column limits of
/// the user table (a longer value would be a database error, a 500) and what each field means.
/// Text arrives readable already (no control characters, valid Unicode: <c>RequestText</c>).
/// </summary>
internal static class UserInput
{
    public const int MaxEmail = 256;
    public const int MaxName = 200;
    public const int MaxNickname = 100;
    public const int MaxPicture = 2000;

    public static string? EmailProblem(string? email) =>
        string.IsNullOrWhiteSpace(email) ? "email is required."
        : email.Trim().Length > MaxEmail ? $"email is longer than {MaxEmail} characters."
        : !MailAddress.TryCreate(email.Trim(), out var address) || address.Address != email.Trim() || !address.Host.Contains('.', StringComparison.Ordinal)
            ? "email is not a valid e-mail address."
            : null;

    public static string? NameProblem(string? name) =>
        name is null ? null
        : name.Trim().Length == 0 ? "name cannot be empty."
        : name.Trim().Length > MaxName ? $"name is longer than {MaxName} characters."
        : null;

    /// <summary>Field errors of a profile change, or null when it may be applied.</summary>
    public static Dictionary<string, string[]>? ProfileProblems(UpdateUserRequest change)
    {
        var errors = new Dictionary<string, string[]>();
        if (NameProblem(change.Name) is { } name)
        {
            errors["name"] = [name];
        }

        if (change.Nickname?.Trim().Length > MaxNickname)
        {
            errors["nickname"] = [$"nickname is longer than {MaxNickname} characters."];
        }

        if (Optional(change.Picture) is { } picture
            && (picture.Length > MaxPicture || !Uri.TryCreate(picture, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            errors["picture"] = [$"picture must be an http(s) URL of at most {MaxPicture} characters."];
        }

        return errors.Count == 0 ? null : errors;
    }

    /// <summary>An optional text field: blank clears it.</summary>
    public static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
