using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Timesheets.Identity.Configuration;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// RFC 8628 §3.5 <c>slow_down</c>, which OpenIddict 7.8 does not implement: a device whose request is
/// still pending and that polls again before its interval is over is told to slow down, and its
/// interval grows by 5 seconds for every later poll.
/// </summary>
/// <remarks>
/// Kept in this instance's memory, keyed by a hash of the device code (never the code itself), for the
/// code's lifetime at most. Behind a load balancer each instance counts the polls it sees, so a device
/// alternating between instances may poll up to twice as fast before it is told to slow down; the
/// per-address token rate limit still caps it, and nothing else depends on this count.
/// </remarks>
internal sealed class DevicePolling(IMemoryCache cache, TimeProvider clock, IOptions<IdentitySettings> settings)
{
    /// <summary>RFC 8628 §3.5: "the interval MUST be increased by 5 seconds for this and all subsequent requests".</summary>
    public static readonly TimeSpan SlowDownStep = TimeSpan.FromSeconds(5);

    /// <summary>Records a pending poll; false when it came sooner than the device's interval after its previous one.</summary>
    public bool TryPoll(string deviceCode)
    {
        var key = "device-poll:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(deviceCode)));
        var poll = cache.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = settings.Value.DeviceCodeLifetime;
            return new Poll(settings.Value.DevicePollingInterval);
        })!;

        var now = clock.GetUtcNow();
        lock (poll)
        {
            var patient = poll.Last is not { } last || now - last >= poll.Interval;
            if (!patient)
            {
                poll.Interval += SlowDownStep;
            }

            poll.Last = now;
            return patient;
        }
    }

    private sealed class Poll(TimeSpan interval)
    {
        public TimeSpan Interval { get; set; } = interval;

        public DateTimeOffset? Last { get; set; }
    }
}
