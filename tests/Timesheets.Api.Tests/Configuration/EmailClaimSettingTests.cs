using Microsoft.Extensions.Options;
using Timesheets.Api.Configuration;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Configuration;

/// <summary><c>Auth:EmailClaim</c> is trusted as verified, so it must name a claim only the issuer writes.</summary>
[Collection(SqliteCollection.Name)]
public sealed class EmailClaimSettingTests(SqliteApiFixture fixture)
{
    [Theory]
    [InlineData("email")]
    [InlineData("Email")]
    [InlineData("preferred_username")]
    [InlineData("urn:email")]
    [InlineData("https://")]
    public void EmailClaim_ThatAUserCanSet_IsRefused(string claim)
    {
        var result = new AuthSettingsValidator().Validate(null, new AuthSettings { Issuer = IdentityHost.Issuer, RequireHttpsMetadata = false, EmailClaim = claim });
        Assert.True(result.Failed);
        Assert.Contains("Auth__EmailClaim", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://api.exampleco.com/email")]
    [InlineData("https://tenant.example/claims/email")]
    public void EmailClaim_NamespacedOrEmpty_IsAccepted(string claim) =>
        Assert.True(new AuthSettingsValidator().Validate(null, new AuthSettings { Issuer = IdentityHost.Issuer, RequireHttpsMetadata = false, EmailClaim = claim }).Succeeded);

    [Fact]
    public async Task EmailClaim_PlainEmail_StopsTheApiAtStartUp()
    {
        await using var host = new ApiHost(fixture.Identity, TestDatabase.Sqlite("emailclaim"), new Dictionary<string, string?> { ["Auth:EmailClaim"] = "email" });
        var error = Assert.Throws<OptionsValidationException>(() => host.Server);
        Assert.Contains("Auth:EmailClaim", error.Message, StringComparison.Ordinal);
    }
}
