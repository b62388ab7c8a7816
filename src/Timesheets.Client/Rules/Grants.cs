using Timesheets.Contracts;

namespace Timesheets.Client.Rules;

/// <summary>
/// What the granted scopes allow, read from the token response's <c>scope</c> (PRODUCT.md §2), never
/// from a role name: an app shows approvals when <see cref="CanApprove"/>, and so on.
/// </summary>
public sealed record Grants(IReadOnlySet<string> Scopes)
{
    public static Grants FromScope(string? scope) =>
        new((scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));

    public bool CanRead => Scopes.Contains(ApiScopes.Read);

    public bool CanCreate => Scopes.Contains(ApiScopes.Create);

    public bool CanDelete => Scopes.Contains(ApiScopes.Delete);

    public bool CanApprove => Scopes.Contains(ApiScopes.Approve);

    public bool CanUpload => Scopes.Contains(ApiScopes.BatchUpload);

    public bool CanManageProjects => Scopes.Contains(ApiScopes.ManageProjects);

    public bool CanReadAudit => Scopes.Contains(ApiScopes.ReadAudit);

    /// <summary>A refresh token came with the login, so the session renews without the user.</summary>
    public bool CanStayLoggedIn => Scopes.Contains("offline_access");
}
