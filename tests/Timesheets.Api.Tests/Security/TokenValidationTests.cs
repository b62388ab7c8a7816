using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Security;

/// <summary>Each forged token differs from an accepted one in one property; the API must refuse it with 401 invalid_token.</summary>
public abstract class TokenValidationTests(ApiFixture fixture)
{
    private async Task<HttpResponseMessage> GetWithAsync(string token)
    {
        using var client = fixture.ClientWithToken(token);
        return await client.GetAsync("/timesheets");
    }

    private async Task AssertRejectedAsync(string token)
    {
        var response = await GetWithAsync(token);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_MintedWithIdentityKeyAndRightClaims_IsAccepted()
    {
        // The control: the forged tokens below fail for the one property they change, not for the minting.
        var response = await GetWithAsync(TokenForge.Mint(IdentityKeys.ActiveSigningCredentials(fixture.Identity)));
        await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Token_Missing_Returns401InvalidToken()
    {
        using var client = await fixture.ClientAsync(null);
        var response = await client.GetAsync("/timesheets");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public Task Token_Garbage_Returns401() => AssertRejectedAsync("not-a-jwt");

    [Fact]
    public Task Token_Expired_Returns401() => AssertRejectedAsync(TokenForge.Mint(IdentityKeys.ActiveSigningCredentials(fixture.Identity),
        notBefore: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddMinutes(-5)));

    [Fact]
    public Task Token_NotYetValid_Returns401() => AssertRejectedAsync(TokenForge.Mint(IdentityKeys.ActiveSigningCredentials(fixture.Identity),
        notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddHours(1)));

    [Fact]
    public Task Token_WrongAudience_Returns401() =>
        AssertRejectedAsync(TokenForge.Mint(IdentityKeys.ActiveSigningCredentials(fixture.Identity), audience: "https://api.exampleco.com/other"));

    [Fact]
    public Task Token_WrongIssuer_Returns401() =>
        AssertRejectedAsync(TokenForge.Mint(IdentityKeys.ActiveSigningCredentials(fixture.Identity), issuer: "http://evil.example/"));

    [Fact]
    public Task Token_UnknownKid_Returns401() => AssertRejectedAsync(TokenForge.Mint(TokenForge.ForeignKey("unknown-kid")));

    [Fact]
    public Task Token_ForeignKeyClaimingRealKid_Returns401() =>
        AssertRejectedAsync(TokenForge.Mint(TokenForge.ForeignKey(IdentityKeys.ActiveKeyId(fixture.Identity))));

    [Fact]
    public async Task Token_TamperedPayload_Returns401()
    {
        var real = await fixture.TokenAsync(IdentityHost.Employee);
        await AssertRejectedAsync(TokenForge.Tamper(real, payload => payload.Replace("read:timesheets", "approve:timesheets", StringComparison.Ordinal)));
    }

    [Fact]
    public Task Token_WithoutSub_Returns401()
    {
        var claims = TokenForge.Claims();
        claims.Remove("sub");
        return AssertRejectedAsync(TokenForge.Mint(IdentityKeys.ActiveSigningCredentials(fixture.Identity), claims: claims));
    }

    [Fact]
    public void Token_AlgorithmAllowList_IsRs256AndEs256Only()
    {
        // Identity signs with RS256 or ES256 (Identity:SigningAlgorithm); HS*, none and the rest stay refused.
        var options = fixture.Api.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        Assert.Equal([SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256], options.TokenValidationParameters.ValidAlgorithms);
    }

    [Fact]
    public Task Token_AlgNone_Returns401() => AssertRejectedAsync(TokenForge.WithAlgNone(TokenForge.Claims()));

    [Fact]
    public Task Token_Hs256SignedWithPublicKey_Returns401() => AssertRejectedAsync(TokenForge.Mint(
        TokenForge.PublicKeyAsHmac(IdentityKeys.ActivePublicKeyPem(fixture.Identity), IdentityKeys.ActiveKeyId(fixture.Identity))));

    [Fact]
    public async Task Scopes_AuthTokenWithPermissionsOnlyInScope_AreHonoured()
    {
        // Auth0 without RBAC puts permissions only in `scope`: the API reads them from there too.
        var token = TokenForge.Mint(IdentityKeys.ActiveSigningCredentials(fixture.Identity), claims: TokenForge.Claims("auth0|scope-only", "approve:timesheets"));
        using var client = fixture.ClientWithToken(token);
        await (await client.GetAsync("/approvals")).AssertStatusAsync(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TokenValidationTestsOnSqlite(SqliteApiFixture fixture) : TokenValidationTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class TokenValidationTestsOnPostgres(PostgresApiFixture fixture) : TokenValidationTests(fixture);
