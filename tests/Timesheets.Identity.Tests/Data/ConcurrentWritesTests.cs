namespace Timesheets.Identity.Tests.Data;

/// <summary>
/// Many requests that write at once: refresh-token rotations (each marks a token redeemed and stores a
/// new one), logins (each records the login) and client-credentials grants, while the security log's
/// background writer saves their events. On SQLite's default rollback journal a request that had read in
/// its transaction got "database is locked" at once whenever another writer was committing, and the user
/// saw a 500 or "token already redeemed" (found by a device login that failed one run in a few dozen).
/// Every request here must succeed, on both databases.
/// </summary>
public sealed class ConcurrentWritesTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task RotationsLoginsAndLogEventsAtOnce_EveryRequestSucceeds(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider, "concurrentwrites");
        await using var host = new IdentityHost(database);
        string[] people = [IdentityHost.Employee, IdentityHost.Contractor, IdentityHost.Manager, IdentityHost.Admin];

        var chains = new List<string>();
        foreach (var email in people.Concat(people))
        {
            using var client = host.CreateOidcClient();
            chains.Add((await client.LoginAsync(email, IdentityHost.DemoPassword)).RefreshToken!);
        }

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        async Task RotateAsync(string refreshToken)
        {
            using var client = host.CreateOidcClient();
            for (var i = 0; i < 6; i++)
            {
                var response = await client.RefreshAsync(refreshToken);
                if (!response.IsSuccessStatusCode)
                {
                    failures.Add($"refresh {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    return;
                }

                refreshToken = (await OidcTestClient.ExpectTokensAsync(response)).RefreshToken!;
            }
        }

        async Task LogInAsync(string email)
        {
            using var client = host.CreateOidcClient();
            try
            {
                await client.LoginAsync(email, IdentityHost.DemoPassword);
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
            {
                failures.Add($"login of {email}: {e.Message}");
            }
        }

        async Task ClientCredentialsAsync()
        {
            using var client = host.CreateOidcClient();
            for (var i = 0; i < 5; i++)
            {
                var response = await client.ClientCredentialsAsync();
                if (!response.IsSuccessStatusCode)
                {
                    failures.Add($"client credentials: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        await Task.WhenAll(chains.Select(RotateAsync).Concat(people.Select(LogInAsync)).Concat(Enumerable.Range(0, 4).Select(_ => ClientCredentialsAsync())));

        Assert.Empty(failures);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Exception?.Contains("database is locked", StringComparison.Ordinal) == true);
    }
}
