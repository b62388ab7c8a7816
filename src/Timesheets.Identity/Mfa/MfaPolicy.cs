using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Data;

namespace Timesheets.Identity.Mfa;

/// <summary>Who must use a second factor: members of the roles <see cref="MfaSettings.RequiredRoles"/> names.</summary>
internal sealed class MfaPolicy(IdentityDataContext db, IOptions<MfaSettings> settings, IOptions<DemoSettings> demo, ILookupNormalizer normalizer)
{
    private List<string> RequiredRoles =>
        [.. settings.Value.EffectiveRequiredRoles(demo.Value.Enabled).Select(r => normalizer.NormalizeName(r))];

    /// <summary>True when the user has a role that requires a second factor; no query when no role does.</summary>
    public async Task<bool> IsRequiredAsync(string userId, CancellationToken cancellationToken)
    {
        var roles = RequiredRoles;
        return roles.Count > 0 && await db.UserRoles
            .Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.NormalizedName)
            .AnyAsync(name => roles.Contains(name!), cancellationToken);
    }
}
