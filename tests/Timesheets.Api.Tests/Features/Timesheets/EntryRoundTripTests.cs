using System.Net;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Features.Timesheets;

/// <summary>
/// What <c>POST /timesheets</c> with an <c>Idempotency-Key</c> costs PostgreSQL, counted by the driver's own
/// trace (<see cref="DatabaseCommandTrace"/>; the commit or rollback, one more round trip, is not traced).
/// A new entry: the user's lock, the day's other hours, the new id and the key's earlier request in one
/// batch; the entry, its change, audit and key rows in one save; the commit: three round trips. A retry finds the earlier request in that first batch, rolls back and reads the entry it created.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class EntryRoundTripTests(PostgresApiFixture fixture)
{
    [Fact]
    public async Task KeyedCreate_LooksUpItsKeyInTheLockBatch_ThreeRoundTripsWithTheCommit()
    {
        using var client = await fixture.ClientAsync(IdentityHost.Employee);
        // The first request of a user links their sub and warms the project cache; it is not measured.
        await client.CreateEntryAsync(fixture.NextDay(), hours: 0.25m);
        var day = fixture.NextDay();
        var key = Guid.NewGuid().ToString("N");
        var body = new { date = day.ToString("yyyy-MM-dd"), project = "Internal", hours = 1.5m };

        async Task<(HttpResponseMessage Response, IReadOnlyList<string> Commands, string Summary)> PostCountingAsync()
        {
            using var trace = new DatabaseCommandTrace(fixture.Api.Database.ConnectionString);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/timesheets") { Content = System.Net.Http.Json.JsonContent.Create(body, options: Http.Json) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await client.SendAsync(request);
            return (response, trace.Commands, trace.Summary);
        }

        var (created, first, firstSummary) = await PostCountingAsync();
        var entry = await created.AssertStatusAsync(HttpStatusCode.Created);
        Assert.True(first.Count == 2, firstSummary);
        Assert.Contains("pg_advisory_xact_lock", first[0], StringComparison.Ordinal);
        Assert.Contains("\"IdempotencyKeys\"", first[0], StringComparison.Ordinal);

        var (replayed, retry, retrySummary) = await PostCountingAsync();
        var again = await replayed.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(entry.GetProperty("id").GetInt64(), again.GetProperty("id").GetInt64());
        Assert.True(retry.Count == 2, retrySummary);
        Assert.Contains("\"IdempotencyKeys\"", retry[0], StringComparison.Ordinal);
    }
}
