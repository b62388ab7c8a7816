using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Timesheets.Api.Configuration;

namespace Timesheets.Api.Features.People;

/// <summary>
/// Resolves emails to the issuer's users through <see cref="PeopleCache"/> and, for those it does not
/// hold, <see cref="PeopleDirectory"/> — in parallel, at most <c>People:MaxConcurrentLookups</c> at a
/// time. <see cref="Enabled"/> is false when the API is configured without the issuer's Management API
/// (<c>People:Enabled</c>): then nobody is checked.
/// </summary>
internal sealed class PeopleLookup(PeopleCache cache, IServiceProvider services, IOptions<PeopleSettings> settings)
{
    public bool Enabled => settings.Value.Enabled;

    /// <summary>Each email (lower case) with its user, or null when nobody has it.</summary>
    /// <exception cref="PeopleUnavailableException">The issuer could not answer for one of them.</exception>
    public async Task<IReadOnlyDictionary<string, Person?>> ResolveAsync(IEnumerable<string> emails, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<string, Person?>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var email in emails.Distinct(StringComparer.Ordinal))
        {
            if (cache.TryGet(email, out var person))
            {
                found[email] = person;
            }
            else
            {
                missing.Add(email);
            }
        }

        if (missing.Count > 0)
        {
            // Resolved here, not injected: the typed client is only needed, and built, when the cache misses.
            var directory = services.GetRequiredService<PeopleDirectory>();
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.Value.MaxConcurrentLookups, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(missing, parallel, async (email, ct) =>
            {
                var person = await directory.FindByEmailAsync(email, ct);
                cache.Set(email, person);
                found[email] = person;
            });
        }

        return found;
    }
}
