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
/// The hand-over of uploaded entries to real users of the in-process Identity, each test on an API
/// with a database of its own, so that the demo users are still unknown to it when the test begins.
/// </summary>
public abstract class HandOverTests(ApiFixture fixture)
{
    private async Task<ApiHost> FreshApiAsync()
    {
        var host = new ApiHost(fixture.Identity, await TestDatabase.CreateAsync(fixture.Provider, "handover"));
        _ = host.Server;
        return host;
    }

    private static HttpClient Client(ApiHost host, string token)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Uploads <paramref name="count"/> one-hour entries for <paramref name="email"/> on the days before yesterday; returns their ids.</summary>
    private async Task<List<long>> UploadAsync(ApiHost host, string email, int count)
    {
        await fixture.Identity.CreateUsersAsync(email); // the upload refuses emails nobody has
        using var machine = Client(host, await fixture.TokenAsync(OidcTestClient.ImportClient));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var rows = Enumerable.Range(2, count).Select(i => new { user_id = email, date = today.AddDays(-i).ToString("yyyy-MM-dd"), project = "Internal", hours = 1, external_id = Guid.NewGuid().ToString("N") });
        await (await machine.PostJsonAsync("/timesheets/upload", rows)).AssertStatusAsync(HttpStatusCode.OK);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDataContext>();
        return await db.Entries.Where(e => e.OwnerEmail == email).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
    }

    private static async Task<List<JsonElement>> HandOversAsync(ApiHost host, string adminToken)
    {
        using var admin = Client(host, adminToken);
        var events = await (await admin.GetAsync("/audit?entity_type=handover")).AssertStatusAsync(HttpStatusCode.OK);
        return [.. events.EnumerateArray()];
    }

    [Fact]
    public async Task HandOver_OnTheUsersFirstRequest_WritesOneAuditRowNamingWhoWhichEntriesAndEmail()
    {
        await using var api = await FreshApiAsync();
        var ids = await UploadAsync(api, IdentityHost.Contractor, 3);

        using var contractor = Client(api, await fixture.TokenAsync(IdentityHost.Contractor));
        var me = await (await contractor.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        var mine = await (await contractor.GetAsync("/timesheets")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(ids, mine.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).Order());

        var handOver = Assert.Single(await HandOversAsync(api, await fixture.TokenAsync(IdentityHost.Admin)));
        Assert.Equal("handover", handOver.GetProperty("action").GetString());
        Assert.Equal(me.GetProperty("sub").GetString(), handOver.GetProperty("actor_sub").GetString());
        Assert.Equal(IdentityHost.Contractor, handOver.GetProperty("actor_email").GetString());
        var after = JsonDocument.Parse(handOver.GetProperty("after").GetString()!).RootElement;
        Assert.Equal(IdentityHost.Contractor, after.GetProperty("email").GetString());
        Assert.Equal(3, after.GetProperty("count").GetInt32());
        Assert.Equal(ids, after.GetProperty("ids").EnumerateArray().Select(i => i.GetInt64()));
    }

    [Fact]
    public async Task HandOver_EightFirstRequestsOfOneUserAtOnce_AllServedOnceHandedOver()
    {
        await using var api = await FreshApiAsync();
        var ids = await UploadAsync(api, IdentityHost.Employee, 4);
        var token = await fixture.TokenAsync(IdentityHost.Employee);

        var pages = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var client = Client(api, token);
            return await (await client.GetAsync("/timesheets")).AssertStatusAsync(HttpStatusCode.OK);
        }));

        Assert.All(pages, page => Assert.Equal(ids, page.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).Order()));
        var handOver = Assert.Single(await HandOversAsync(api, await fixture.TokenAsync(IdentityHost.Admin)));
        Assert.Equal(4, JsonDocument.Parse(handOver.GetProperty("after").GetString()!).RootElement.GetProperty("count").GetInt32());
        await using var scope = api.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ApiDataContext>().Users.CountAsync(u => u.Email == IdentityHost.Employee));
    }

    [Fact]
    public async Task HandOver_TwoSubsOfOneEmailAtOnce_OneReceivesEverythingTheOtherIsRefused()
    {
        await using var api = await FreshApiAsync();
        var email = $"race-{Guid.NewGuid():N}@exampleco.com";
        var ids = await UploadAsync(api, email, 2);
        string TokenOf(string sub)
        {
            var claims = TokenForge.Claims(sub);
            claims.Remove("https://api.exampleco.com/email");
            claims["email"] = email;
            claims["email_verified"] = true;
            return TokenForge.Mint(IdentityKeys.ActiveSigningCredentials(fixture.Identity), claims: claims);
        }

        var tokens = new[] { TokenOf("idp-a|race"), TokenOf("idp-b|race") };
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var client = Client(api, tokens[i % 2]);
            var response = await client.GetAsync("/timesheets");
            return (Sub: i % 2, response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        // No 500, and each account gets one answer throughout: the winner its entries, the other 403.
        var bySub = answers.GroupBy(a => a.Sub).ToDictionary(g => g.Key, g => g.Select(a => a.StatusCode).Distinct().ToList());
        Assert.All(bySub.Values, statuses => Assert.Single(statuses));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Forbidden], bySub.Values.Select(s => s[0]).Order());
        var winner = answers.First(a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(ids, JsonDocument.Parse(winner.Body).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).Order());
        Assert.Single(await HandOversAsync(api, await fixture.TokenAsync(IdentityHost.Admin)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HandOverTestsOnSqlite(SqliteApiFixture fixture) : HandOverTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class HandOverTestsOnPostgres(PostgresApiFixture fixture) : HandOverTests(fixture);
