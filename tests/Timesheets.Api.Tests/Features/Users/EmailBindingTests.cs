using System.Net;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Api.Tests.Security;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Features.Users;

/// <summary>
/// Entries uploaded under an email go to the account that shows that email verified, and to no other:
/// tokens of "another provider" are signed by the issuer's real key (the API trusts one issuer) and
/// carry that provider's claims: <c>email</c>, with or without <c>email_verified</c>.
/// </summary>
public abstract class EmailBindingTests(ApiFixture fixture)
{
    private const string TrustedClaim = "https://api.exampleco.com/email";

    private static string FreshEmail() => $"bind-{Guid.NewGuid():N}@exampleco.com";

    private HttpClient ClientOf(string sub, params (string Claim, object Value)[] claims)
    {
        var payload = TokenForge.Claims(sub, "read:timesheets create:timesheets");
        payload.Remove(TrustedClaim);
        foreach (var (claim, value) in claims)
        {
            payload[claim] = value;
        }

        return fixture.ClientWithToken(TokenForge.Mint(IdentityKeys.ActiveSigningCredentials(fixture.Identity), claims: payload));
    }

    /// <summary>Uploads two entries for <paramref name="email"/> on fresh days; returns the range of days.</summary>
    private async Task<string> UploadTwoAsync(string email)
    {
        // A person of the company (the upload refuses emails nobody has); the tests mint that person's tokens themselves.
        await fixture.Identity.CreateUsersAsync(email);
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        var days = new[] { fixture.NextDay(), fixture.NextDay() };
        var rows = days.Select(d => new { user_id = email, date = d.ToString("yyyy-MM-dd"), project = "Internal", hours = 1, external_id = Guid.NewGuid().ToString("N") });
        var result = await (await machine.PostJsonAsync("/timesheets/upload", rows)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, result.GetProperty("created").GetInt32());
        return $"from={days.Min():yyyy-MM-dd}&to={days.Max():yyyy-MM-dd}";
    }

    private static async Task<int> CountAsync(HttpClient client, string range) =>
        (await (await client.GetAsync($"/timesheets?{range}")).AssertStatusAsync(HttpStatusCode.OK)).GetArrayLength();

    public static TheoryData<string, object?> Unverified => new()
    {
        { "email", null },
        { "email", false },
        { "email", "false" },
        { "email", "yes" },
        // The issuer's own claim, but the same token says the address is unconfirmed.
        { TrustedClaim, false },
    };

    [Theory]
    [MemberData(nameof(Unverified))]
    public async Task UnverifiedEmail_OfUploadedEntries_HandsOverNothingAndIsNoIdentity(string claim, object? verified)
    {
        var email = FreshEmail();
        var range = await UploadTwoAsync(email);
        var claims = verified is null ? new[] { (claim, (object)email) } : [(claim, email), ("email_verified", verified)];

        using var attacker = ClientOf($"other-idp|{Guid.NewGuid():N}", claims);
        Assert.Equal(0, await CountAsync(attacker, range));
        var me = await (await attacker.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, me.GetProperty("email").ValueKind);
        // Nor does the address make the caller that user anywhere else: their own entry is not filed under it.
        var own = await attacker.CreateEntryAsync(fixture.NextDay(), 1);
        Assert.NotEqual(email, own.GetProperty("user_id").GetString());

        // The entries were still waiting: the account that shows the email verified receives both.
        using var owner = ClientOf($"other-idp|{Guid.NewGuid():N}", ("email", email), ("email_verified", true));
        Assert.Equal(2, await CountAsync(owner, range));
    }

    [Fact]
    public async Task VerifiedEmail_AsStringTrue_OrTrustedClaim_ReceivesUploadedEntries()
    {
        var email = FreshEmail();
        var range = await UploadTwoAsync(email);
        using var stringTrue = ClientOf($"other-idp|{Guid.NewGuid():N}", ("email", email.ToUpperInvariant()), ("email_verified", "true"));
        Assert.Equal(2, await CountAsync(stringTrue, range));

        var other = FreshEmail();
        var otherRange = await UploadTwoAsync(other);
        using var trusted = ClientOf($"timesheets|{Guid.NewGuid():N}", (TrustedClaim, other));
        Assert.Equal(2, await CountAsync(trusted, otherRange));
    }

    [Fact]
    public async Task SecondSub_WithAKnownVerifiedEmail_IsRefused403AndReceivesNothing()
    {
        var email = FreshEmail();
        var range = await UploadTwoAsync(email);
        using var first = ClientOf($"other-idp|{Guid.NewGuid():N}", ("email", email), ("email_verified", true));
        Assert.Equal(2, await CountAsync(first, range));

        using var second = ClientOf($"another-idp|{Guid.NewGuid():N}", ("email", email), ("email_verified", true));
        var problem = await (await second.GetAsync($"/timesheets?{range}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Email belongs to another user", problem.GetProperty("title").GetString());
        // Every request of that account is refused, writes included: nothing is filed under the email.
        await (await second.PostJsonAsync("/timesheets", new { date = fixture.NextDay().ToString("yyyy-MM-dd"), project = "Internal", hours = 1 }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(2, await CountAsync(first, range));
    }

    [Fact]
    public async Task SecondSub_WithARealUsersEmail_IsRefused403()
    {
        // The employee as Timesheets.Identity issues them, then the same address verified at another provider.
        using var employee = await fixture.ClientAsync(IdentityHost.Employee);
        await (await employee.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        using var impostor = ClientOf($"other-idp|{Guid.NewGuid():N}", ("email", IdentityHost.Employee), ("email_verified", true));
        await (await impostor.GetAsync("/timesheets")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await employee.GetAsync("/timesheets")).AssertStatusAsync(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EmailBindingTestsOnSqlite(SqliteApiFixture fixture) : EmailBindingTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class EmailBindingTestsOnPostgres(PostgresApiFixture fixture) : EmailBindingTests(fixture);
