using System.Net;
using System.Text;
using Timesheets.ScaleOut.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.ScaleOut.Api;

/// <summary>
/// The API's promises hold when the next request lands on another instance: what one wrote, the other reads at
/// once; concurrent writes of the same thing at both instances are decided by PostgreSQL, never by either
/// instance's memory.
/// </summary>
[Collection(TopologyCollection.Name)]
public sealed class ApiAcrossInstancesTests(Topology topology)
{
    private async Task<string> TokenAsync(string user)
    {
        var (oidc, _) = topology.IdentityClient();
        using (oidc)
        {
            return user == OidcTestClient.ImportClient
                ? (await OidcTestClient.ExpectTokensAsync(await oidc.ClientCredentialsAsync())).AccessToken
                : (await oidc.LoginAsync(user, IdentityHost.DemoPassword)).AccessToken;
        }
    }

    [Fact]
    public async Task Entries_WrittenAtOneInstance_AreInTheNewestPageAtTheOther_AtOnce()
    {
        var api = topology.ApiClient(await TokenAsync(IdentityHost.Admin));
        using var http = api.Http;
        for (var i = 0; i < 10; i++)
        {
            // The other instance has the newest page in memory; this instance adds to it; the other must show it.
            var reader = i % 2;
            api.Instance = reader;
            var before = (await http.ListAsync()).GetArrayLength();
            await http.ListAsync();
            api.Instance = 1 - reader;
            var created = await (await http.CreateEntryAsync(ApiJson.Day(-1 - i), 1)).ExpectAsync(HttpStatusCode.Created);
            api.Instance = reader;
            var page = await http.ListAsync();
            Assert.Equal(before + 1, page.GetArrayLength());
            Assert.Contains(page.EnumerateArray(), e => e.GetProperty("id").GetInt64() == created.GetProperty("id").GetInt64());
        }
    }

    [Fact]
    public async Task Calls_SpreadOverBothInstances_AllSucceed()
    {
        using var http = topology.ApiClient(await TokenAsync(IdentityHost.Contractor)).Http;
        var before = (int[])topology.ApiProxy.Answered.Clone();
        var day = ApiJson.Day(-20);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => http.CreateEntryAsync(day, 1)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(8, (await http.ListAsync(day)).GetArrayLength());
        }

        Assert.All(topology.ApiProxy.Answered.Zip(before, (now, then) => now - then), count => Assert.True(count >= 6, $"{count} requests"));
    }

    [Fact]
    public async Task Approve_SameEntryAtBothInstancesAtOnce_One200_One409()
    {
        using var employee = topology.ApiClient(await TokenAsync(IdentityHost.Employee)).Http;
        var id = (await (await employee.CreateEntryAsync(ApiJson.Day(-2), 3)).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var token = await TokenAsync(IdentityHost.Manager);
        using var first = topology.ApiClientAt(0, token);
        using var second = topology.ApiClientAt(1, token);
        var answers = await Task.WhenAll(first.PutAsync($"/approvals/{id}", null), second.PutAsync($"/approvals/{id}", null));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var conflict = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.OK);
        await conflict.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);

        var entry = Assert.Single((await employee.ListAsync(ApiJson.Day(-2))).EnumerateArray(), e => e.GetProperty("id").GetInt64() == id);
        Assert.Equal("approved", entry.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Create_RetriedWithSameIdempotencyKeyAtTheOtherInstance_StoresOneEntry()
    {
        var api = topology.ApiClient(await TokenAsync(IdentityHost.Manager));
        using var http = api.Http;
        var day = ApiJson.Day(-3);
        var key = Guid.NewGuid().ToString();
        api.Instance = 0;
        var first = await (await http.CreateEntryAsync(day, 2, key)).ExpectAsync(HttpStatusCode.Created);
        api.Instance = 1;
        var retry = await http.CreateEntryAsync(day, 2, key);
        var replayed = await retry.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(first.GetProperty("id").GetInt64(), replayed.GetProperty("id").GetInt64());

        // The same key at both instances at the same moment: one creates, the other replays it or asks to retry.
        var key2 = Guid.NewGuid().ToString();
        using (var other = topology.ApiClientAt(0, await TokenAsync(IdentityHost.Manager)))
        {
            var answers = await Task.WhenAll(http.CreateEntryAsync(day, 1, key2), other.CreateEntryAsync(day, 1, key2));
            Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, a.StatusCode.ToString()));
            Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Created);
        }

        api.Instance = null;
        var stored = (await http.ListAsync(day)).EnumerateArray().Select(e => e.GetProperty("hours").GetDecimal()).Order().ToList();
        Assert.Equal([1m, 2m], stored);
    }

    [Fact]
    public async Task Upload_RerunAtTheOtherInstanceWhileTheFirstRuns_StoresEveryRowOnce()
    {
        // 4,500 rows: three people, 300 past days, five one-hour rows each day, each row with its own external id.
        // (Not the admin, whose newest page another test counts.)
        string[] people = [IdentityHost.Employee, IdentityHost.Contractor, IdentityHost.Manager];
        var batch = Guid.NewGuid().ToString("N")[..8];
        var csv = new StringBuilder("user_id,date,project,hours,external_id\n");
        var rows = 0;
        foreach (var person in people)
        {
            for (var day = 40; day < 340; day++)
            {
                for (var n = 0; n < 5; n++)
                {
                    csv.Append(person).Append(',').Append(ApiJson.Day(-day)).Append(",Internal,1,").Append(batch).Append('-').Append(rows++).Append('\n');
                }
            }
        }

        var token = await TokenAsync(OidcTestClient.ImportClient);
        using (var first = topology.ApiClientAt(0, token))
        using (var second = topology.ApiClientAt(1, token))
        {
            var running = first.PostAsync("/timesheets/upload", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
            await Task.Delay(200);
            var rerun = second.PostAsync("/timesheets/upload", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
            var results = await Task.WhenAll(running, rerun);

            // Each run stores all its new rows or none: the one that lost a row to the other says so (409, nothing
            // stored) and, sent again as a client does on 409, skips what the other stored.
            var created = 0;
            foreach (var result in results)
            {
                if (result.StatusCode == HttpStatusCode.Conflict)
                {
                    Assert.Equal("application/problem+json", result.Content.Headers.ContentType?.MediaType);
                    var again = await second.PostAsync("/timesheets/upload", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
                    var skipped = await again.ExpectAsync(HttpStatusCode.OK);
                    created += skipped.GetProperty("created").GetInt32();
                    continue;
                }

                created += (await result.ExpectAsync(HttpStatusCode.OK)).GetProperty("created").GetInt32();
            }

            Assert.Equal(rows, created);
        }

        Assert.Equal((rows, rows), await UploadedRows.CountAsync(topology.ApiDatabase, batch + "-"));
    }
}
