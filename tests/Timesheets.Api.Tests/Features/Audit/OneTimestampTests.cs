using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Timesheets.Api.Data;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Features.Audit;

/// <summary>
/// One request, one timestamp: the entry, its change row and its audit row carry the time the API's
/// <see cref="TimeProvider"/> gave that request, never a second read of the wall clock.
/// </summary>
public abstract class OneTimestampTests(ApiFixture fixture)
{
    [Fact]
    public async Task Stamps_CreateAndApprove_EntryChangeAndAuditCarryTheClocksTime()
    {
        // An hour behind the wall clock (tokens stay valid) and on a whole millisecond (both providers store it exactly).
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var clock = new FakeTimeProvider(new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, start.Second, 250, TimeSpan.Zero));
        await using var api = fixture.Api.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock))));
        using var employee = api.CreateClient();
        employee.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.TokenAsync(IdentityHost.Employee));
        using var admin = api.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.TokenAsync(IdentityHost.Admin));

        var created = clock.GetUtcNow().UtcDateTime;
        var id = (await employee.CreateEntryAsync(fixture.NextDay(), 1)).GetProperty("id").GetInt64();
        clock.Advance(TimeSpan.FromMinutes(5));
        var approved = clock.GetUtcNow().UtcDateTime;
        await (await admin.PutAsync($"/approvals/{id}", null)).AssertStatusAsync(HttpStatusCode.OK);

        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDataContext>();
        var entry = await db.Entries.AsNoTracking().SingleAsync(e => e.Id == id);
        Assert.Equal(created, Utc(entry.CreatedAt));
        Assert.Equal(approved, Utc(entry.UpdatedAt));
        Assert.Equal(approved, Utc(entry.ReviewedAt!.Value));
        var changes = await db.Changes.AsNoTracking().Where(c => c.EntryId == id).OrderBy(c => c.Id).Select(c => c.At).ToListAsync();
        Assert.Equal([created, approved], changes.ConvertAll(Utc));
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audits = await db.AuditEvents.AsNoTracking().Where(a => a.EntityType == "timesheet" && a.EntityId == key).OrderBy(a => a.Id)
            .Select(a => new { a.Action, a.At }).ToListAsync();
        Assert.Equal([("create", created), ("approve", approved)], audits.ConvertAll(a => (a.Action, Utc(a.At))));
    }

    // SQLite gives stored times back unspecified; they were written as UTC.
    private static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);
}

[Collection(SqliteCollection.Name)]
public sealed class OneTimestampTestsOnSqlite(SqliteApiFixture fixture) : OneTimestampTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class OneTimestampTestsOnPostgres(PostgresApiFixture fixture) : OneTimestampTests(fixture);
