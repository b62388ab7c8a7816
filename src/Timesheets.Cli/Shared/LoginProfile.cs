using Timesheets.Client.Management;
using Timesheets.Contracts;

namespace Timesheets.Cli.Shared;

/// <summary>
/// One of the logins the CLI keeps at an issuer: the user's, for the Timesheets API, and the admin's,
/// for the Management API. Each has its own tokens (a refresh token stays bound to the API of its
/// login), its own entry in <c>config.json</c> (the issuer, plus <see cref="Suffix"/>) and its own
/// token file (the account, plus the suffix), in the same owner-only folder.
/// </summary>
internal sealed record LoginProfile(string Suffix, string Command, Func<Uri, string> Audience)
{
    public static readonly LoginProfile User = new("", "timesheets login", _ => ApiScopes.Audience);

    public static readonly LoginProfile Admin = new("#admin", "timesheets admin login", ManagementClient.AudienceFor);

    /// <summary>The key of this login in <c>config.json</c>'s accounts.</summary>
    public string Key(Uri issuer) => issuer + Suffix;

    /// <summary>The token file's name, without its folder and extension.</summary>
    public string FileName(string account) => Suffix.Length == 0 ? account : account + "." + Suffix.TrimStart('#');
}
