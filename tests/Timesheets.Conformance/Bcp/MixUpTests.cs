using Timesheets.Conformance.Infrastructure;

namespace Timesheets.Conformance.Bcp;

/// <summary>RFC 9207 (RFC 9700 §4.4.2): every authorization response names its issuer, success or error.</summary>
[Collection(ConformanceCollection.Name)]
[Trait("rule", "RFC 9207, RFC 9700 4.4.2")]
public sealed class MixUpTests(ConformanceFixture fixture)
{
    [Fact]
    public async Task MixUp_Discovery_AdvertisesIssParameter()
    {
        using var browser = fixture.NewBrowser();

        var discovery = await Jwks.DiscoveryAsync(browser.Http);

        Assert.True(discovery.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
        Assert.Equal(Op.Issuer, discovery.GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task MixUp_SuccessfulResponse_IssEqualsIssuer()
    {
        using var browser = fixture.NewBrowser();
        var state = Op.RandomState();

        var response = await browser.CompleteAuthorizationAsync(Op.AuthorizeUrl(OidcTestClient.Pkce.New(), state));

        Assert.Equal(Op.Issuer, response.Iss);
        Assert.Single(response.Parameters["iss"]);
    }

    [Fact]
    public async Task MixUp_ErrorResponse_IssEqualsIssuer()
    {
        using var browser = fixture.NewBrowser();
        var state = Op.RandomState();

        var response = await browser.Http.GetAsync(Op.AuthorizeUrl(OidcTestClient.Pkce.New(), state, extra: Op.Params(("prompt", "none"))));

        Assert.Equal(Op.Issuer, AuthorizationResponse.From(response.Headers.Location!).Iss);
    }

    [Fact]
    public async Task MixUp_LoopbackResponse_IssEqualsIssuer()
    {
        using var browser = fixture.NewBrowser();
        var state = Op.RandomState();

        var response = await browser.CompleteAuthorizationAsync(
            Op.AuthorizeUrl(OidcTestClient.Pkce.New(), state, clientId: Op.Cli, redirectUri: "http://127.0.0.1:49152/callback"));

        Op.AssertSuccessfulAuthorization(response, state, "http://127.0.0.1:49152/callback");
    }
}
