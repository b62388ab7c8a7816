using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Timesheets.Api.Configuration;

namespace Timesheets.Api.Features.People;

/// <summary>
/// What the issuer said about each email lately, for every request of this instance: a user found for
/// <c>People:CacheDuration</c> (60 s), "nobody" for <c>People:UnknownCacheDuration</c> (10 s), so
/// uploads naming the same hundred people ask once a minute, and a fix of a typo (an invitation) counts soon.
/// Bounded in entries, whatever the emails sent.
/// </summary>
internal sealed class PeopleCache(IOptions<PeopleSettings> settings) : IDisposable
{
    private const int MaxEntries = 100_000;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    /// <summary>True with the answer (null: nobody has the email) when one is held.</summary>
    public bool TryGet(string email, out Person? person)
    {
        if (_entries.TryGetValue(email, out Answer? answer) && answer is not null)
        {
            person = answer.Person;
            return true;
        }

        person = null;
        return false;
    }

    public void Set(string email, Person? person)
    {
        var lifetime = person is null ? settings.Value.UnknownCacheDuration : settings.Value.CacheDuration;
        if (lifetime > TimeSpan.Zero)
        {
            _entries.Set(email, new Answer(person), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
        }
    }

    public void Dispose() => _entries.Dispose();

    /// <summary>A held answer, so that "nobody" (null) is told apart from "not asked".</summary>
    private sealed record Answer(Person? Person);
}
