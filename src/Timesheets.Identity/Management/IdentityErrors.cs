using Microsoft.AspNetCore.Identity;

namespace Timesheets.Identity.Management;

/// <summary>ASP.NET Core Identity's refusals as <see cref="AdminError"/>s: a name or e-mail taken is a conflict, the rest bad input.</summary>
internal static class IdentityErrors
{
    private static readonly HashSet<string> Conflicts = new(StringComparer.Ordinal)
    {
        nameof(IdentityErrorDescriber.DuplicateEmail), nameof(IdentityErrorDescriber.DuplicateUserName),
        nameof(IdentityErrorDescriber.DuplicateRoleName), nameof(IdentityErrorDescriber.ConcurrencyFailure),
    };

    public static AdminError ToAdminError(this IdentityResult result, string field)
    {
        var messages = result.Errors.Select(e => e.Description).ToArray();
        var detail = string.Join(" ", messages);
        return result.Errors.Any(e => Conflicts.Contains(e.Code))
            ? new AdminError(StatusCodes.Status409Conflict, detail, new Dictionary<string, string[]> { [field] = messages })
            : AdminError.Invalid(new Dictionary<string, string[]> { [field] = messages }) with { Detail = detail };
    }
}
