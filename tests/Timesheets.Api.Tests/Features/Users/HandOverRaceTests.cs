using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Api.Data;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Api.Tests.Security;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Features.Users;

/// <summary>
/// An upload for an email and the first request of that email's user, run at the same moment many
/// times: whichever goes first, every entry must end with the user's <c>sub</c>, handed over at most once.
/// </summary>
public abstract class HandOverRaceTests(ApiFixture fixture)
{
    private const int Rounds = 25;
    private const int RowsPerUpload = 40;

    [Fact]
    public async Task UploadAndFirstSignIn_AtTheSameMoment_EveryEntryBoundToTheUserExactlyOnce()
    {
        await using var api = new ApiHost(fixture.Identity, await TestDatabase.CreateAsync(fixture.Provider, "handrace"));
        _ = api.Server;
        var machineToken = await fixture.TokenAsync(OidcTestClient.ImportClient);
        var credentials = IdentityKeys.ActiveSigningCredentials(fixture.Identity);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        for (var round = 0; round < Rounds; round++)
        {
            var sub = $"idp|handrace-{round}";
            var email = $"handrace-{round}-{Guid.NewGuid():N}@exampleco.com";
            await fixture.Identity.CreateUsersAsync(email); // the upload refuses emails nobody has
            var claims = TokenForge.Claims(sub);
            claims["https://api.exampleco.com/email"] = email;
            var userToken = TokenForge.Mint(credentials, claims: claims);

            // The day of each row differs by round and row, so the 24-hour rule never refuses one.
            var rows = Enumerable.Range(0, RowsPerUpload).Select(i => new
            {
                user_id = email, date = today.AddDays(-2 - i).ToString("yyyy-MM-dd"), project = "Internal", hours = 0.25m, external_id = Guid.NewGuid().ToString("N"),
            });
            using var machine = Client(api, machineToken);
            using var user = Client(api, userToken);
            var upload = Task.Run(async () => await (await machine.PostJsonAsync("/timesheets/upload", rows)).AssertStatusAsync(HttpStatusCode.OK));
            var signIn = Task.Run(async () => await (await user.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK));
            await Task.WhenAll(upload, signIn);

            await using var scope = api.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApiDataContext>();
            var owners = await db.Entries.Where(e => e.OwnerEmail == email).Select(e => e.OwnerSub).ToListAsync();
            Assert.Equal(RowsPerUpload, owners.Count);
            Assert.All(owners, owner => Assert.Equal(sub, owner));
            Assert.All(await db.Changes.Where(c => c.OwnerEmail == email).Select(c => c.OwnerSub).ToListAsync(), owner => Assert.Equal(sub, owner));
        }

        // Every hand-over names each entry it moved; no entry may be moved twice.
        using var admin = Client(api, await fixture.TokenAsync(IdentityHost.Admin));
        var handOvers = await (await admin.GetAsync("/audit?entity_type=handover&limit=200")).AssertStatusAsync(HttpStatusCode.OK);
        var handed = handOvers.EnumerateArray()
            .SelectMany(e => JsonDocument.Parse(e.GetProperty("after").GetString()!).RootElement.GetProperty("ids").EnumerateArray().Select(i => i.GetInt64()))
            .ToList();
        Assert.Equal(handed.Count, handed.Distinct().Count());
    }

    private static HttpClient Client(ApiHost host, string token)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HandOverRaceTestsOnSqlite(SqliteApiFixture fixture) : HandOverRaceTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class HandOverRaceTestsOnPostgres(PostgresApiFixture fixture) : HandOverRaceTests(fixture);
