using Microsoft.Extensions.Time.Testing;

namespace Timesheets.Identity.Tests.Management;

/// <summary>Log entries older than <c>Logs:Retention</c> are purged, on a clock the test moves.</summary>
public sealed class LogRetentionTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Retention_EntriesOlderThanTheSetting_ArePurged(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new ClockedIdentityHost(await TestDatabase.CreateAsync(provider, "log-retention"), clock,
            new Dictionary<string, string?> { ["Logs:Retention"] = "2.00:00:00" });
        using var browser = host.CreateOidcClient();
        await browser.PostLoginAsync("/account/login", IdentityHost.Manager, "wrong-password-123");
        using (var admin = await ManagementCalls.ForUserAsync(host, IdentityHost.Admin))
        {
            await Eventually.ReturnsAsync(() => admin.ExpectAsync<List<LogResponse>>(HttpMethod.Get, "/api/v2/logs?type=f"),
                list => list.Count == 1, "the failed login is logged");
        }

        clock.Advance(TimeSpan.FromDays(3));

        using var later = await ManagementCalls.ForUserAsync(host, IdentityHost.Admin);
        await Eventually.ReturnsAsync(() => later.ExpectAsync<List<LogResponse>>(HttpMethod.Get, "/api/v2/logs?type=f"),
            list => list.Count == 0, "the three-day-old failed login is purged");
        // The admin's fresh login is kept: the purge removes only what is older than the retention.
        await Eventually.ReturnsAsync(() => later.ExpectAsync<List<LogResponse>>(HttpMethod.Get, "/api/v2/logs?type=s"),
            list => list.Count > 0, "the admin's new login is logged and kept");
    }
}
