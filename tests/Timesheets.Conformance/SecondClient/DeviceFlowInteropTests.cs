using Duende.IdentityModel.Client;
using Timesheets.Conformance.Infrastructure;

namespace Timesheets.Conformance.SecondClient;

/// <summary>
/// The device authorization grant (RFC 8628) as an independent client library drives it: Duende.IdentityModel
/// finds the device endpoint through discovery, requests a code and polls the token endpoint; the user
/// allows the device on /activate through the real login form.
/// </summary>
[Collection(ConformanceCollection.Name)]
[Trait("rule", "independent client")]
public sealed class DeviceFlowInteropTests(ConformanceFixture fixture)
{
    [Fact]
    public async Task DuendeClient_DeviceFlowFromDiscovery_PendingThenTokensWithAValidIdToken()
    {
        using var http = new HttpClient(fixture.Host.Server.CreateHandler()) { BaseAddress = new Uri(Op.Issuer) };
        // RequireHttps off only because the test issuer is http://localhost/; the library's other checks stay on.
        var disco = await http.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest { Address = Op.Issuer, Policy = { RequireHttps = false } });
        Assert.False(disco.IsError, disco.Error);

        var code = await http.RequestDeviceAuthorizationAsync(new DeviceAuthorizationRequest
        {
            Address = disco.DeviceAuthorizationEndpoint,
            ClientId = Op.Cli,
            Scope = "openid profile offline_access",
        });
        Assert.False(code.IsError, $"{code.Error}: {code.ErrorDescription}");
        var poll = new DeviceTokenRequest { Address = disco.TokenEndpoint, ClientId = Op.Cli, DeviceCode = code.DeviceCode! };
        Assert.Equal("authorization_pending", (await http.RequestDeviceTokenAsync(poll)).Error);

        using var browser = fixture.NewBrowser();
        await browser.DecideAsync(await browser.ReachConfirmationAsync(code.VerificationUriComplete!, Op.User), "Allow");
        var tokens = await http.RequestDeviceTokenAsync(poll);

        Assert.False(tokens.IsError, $"{tokens.Error}: {tokens.ErrorDescription}");
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        var idToken = await Op.ValidateIdTokenAsync(http, tokens.IdentityToken, nonce: null, tokens.AccessToken, Op.Cli);
        Assert.Equal(idToken.Subject, (await Jwks.ValidateAsync(http, tokens.AccessToken!, IdentityHost.ApiAudience)).Subject);
    }
}
