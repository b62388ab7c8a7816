using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Device;

/// <summary>
/// The device authorization grant (RFC 8628) end to end: the device asks for a code, the user enters it on
/// <c>/activate</c> in a browser, logs in and allows (or denies), the device polls the token endpoint.
/// </summary>
public abstract class DeviceFlowTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task DeviceFlow_UserAllowsOnActivate_DeviceGetsTheCodeFlowsTokens()
    {
        using var session = new DeviceSession(Host);
        var code = await DeviceSession.ExpectCodeAsync(session.StartAsync());
        Assert.Equal("http://localhost/activate", code.VerificationUri);
        Assert.Matches("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$", code.UserCode);
        Assert.Equal(5, code.Json!.Value.GetProperty("interval").GetInt32()); // sent, not Duende's default
        Assert.InRange(code.ExpiresIn!.Value, 590, 600); // Identity:DeviceCodeLifetime, 10 minutes

        var pending = await session.PollAsync(code.DeviceCode!);
        Assert.Equal("authorization_pending", pending.Error);

        // Typed as people type it: lower case, no dash; shown back as the device shows it.
        var page = await session.ReachConfirmationAsync(code.UserCode!.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant(), IdentityHost.Employee);
        Assert.Contains($"<strong class=\"code\" id=\"activate-code\">{code.UserCode}</strong>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await session.DecideAsync(page, "Allow")).StatusCode);
        var tokens = await session.PollAsync(code.DeviceCode!);

        Assert.False(tokens.IsError, $"{tokens.Error}: {tokens.ErrorDescription}");
        var jwt = await Jwks.ValidateAsync(session.Browser.Http, tokens.AccessToken!, IdentityHost.ApiAudience);
        Assert.Equal(IdentityHost.ApiAudience, Assert.Single(jwt.Audiences));
        Assert.Equal(OidcTestClient.CliClient, jwt.GetClaim("client_id").Value);
        Assert.Equal(IdentityHost.Employee, jwt.GetClaim("https://api.exampleco.com/email").Value);
        Assert.Equal(["create:timesheets", "delete:timesheets", "read:timesheets"], Permissions(jwt).Order());
        Assert.Contains("read:timesheets", tokens.Scope!.Split(' '));
        Assert.NotNull(tokens.IdentityToken);

        // The same user as the code flow gives, and a working refresh token (offline_access).
        using var codeFlow = Host.CreateOidcClient();
        var viaCode = await codeFlow.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword, clientId: OidcTestClient.CliClient,
            redirectUri: "http://127.0.0.1:50000/callback");
        Assert.Equal(new JsonWebToken(viaCode.AccessToken).Subject, jwt.Subject);
        Assert.Equal(Permissions(new JsonWebToken(viaCode.AccessToken)).Order(), Permissions(jwt).Order());
        await OidcTestClient.ExpectTokensAsync(await codeFlow.RefreshAsync(tokens.RefreshToken!, OidcTestClient.CliClient));

        Assert.Contains(Host.Logs.Lines, l => l.EventId == 1014 && l.Message.Contains(jwt.Subject, StringComparison.Ordinal));

        // Codes and tokens are credentials: none reaches the logs.
        var secrets = new[] { code.DeviceCode!, code.UserCode!, code.UserCode!.Replace("-", "", StringComparison.Ordinal), tokens.AccessToken!, tokens.RefreshToken! };
        Assert.DoesNotContain(Host.Logs.Lines, line => secrets.Any(secret => line.Message.Contains(secret, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task DeviceFlow_ManagerThroughCli_GetsApprovePermission()
    {
        using var session = new DeviceSession(Host);
        var code = await DeviceSession.ExpectCodeAsync(session.StartAsync(scope: "openid offline_access", audience: null));

        var page = await session.ReachConfirmationAsync(code.UserCode!, IdentityHost.Manager);
        Assert.Contains("Connect <span class=\"name\">Timesheets command line</span> as <span class=\"name\">manager@exampleco.com</span>?", page, StringComparison.Ordinal);
        Assert.Contains("Approve or reject other people", page, StringComparison.Ordinal);
        await session.DecideAsync(page, "Allow");
        var tokens = await session.PollAsync(code.DeviceCode!);

        var jwt = await Jwks.ValidateAsync(session.Browser.Http, tokens.AccessToken!, IdentityHost.ApiAudience);
        Assert.Contains("approve:timesheets", Permissions(jwt));
        Assert.False(new JsonWebToken(tokens.IdentityToken!).TryGetPayloadValue<string>("email", out _), "email was not asked for");
    }

    [Fact]
    public async Task DeviceFlow_PollingFasterThanTheInterval_GetsSlowDown()
    {
        using var session = new DeviceSession(Host);
        var code = await DeviceSession.ExpectCodeAsync(session.StartAsync());

        Assert.Equal("authorization_pending", (await session.PollAsync(code.DeviceCode!)).Error);
        var tooSoon = await session.PollAsync(code.DeviceCode!);

        Assert.Equal("slow_down", tooSoon.Error);
        Assert.Equal(HttpStatusCode.BadRequest, tooSoon.HttpStatusCode);
    }

    [Fact]
    public async Task DeviceFlow_UserDenies_DeviceGetsAccessDenied()
    {
        using var session = new DeviceSession(Host);
        var code = await DeviceSession.ExpectCodeAsync(session.StartAsync());

        var denied = await session.DecideAsync(await session.ReachConfirmationAsync(code.UserCode!, IdentityHost.Employee), "Deny");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("Device not connected", await session.Browser.Http.GetStringAsync(denied.Headers.Location!.OriginalString), StringComparison.Ordinal);

        var poll = await session.PollAsync(code.DeviceCode!);
        Assert.Equal("access_denied", poll.Error);
        Assert.Null(poll.AccessToken);
        Assert.Contains(Host.Logs.Lines, l => l.EventId == 1015 && l.Message.Contains(OidcTestClient.CliClient, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeviceFlow_DeviceCodeRedeemedOnce_SecondRedemptionIsInvalidGrant()
    {
        using var session = new DeviceSession(Host);
        var code = await DeviceSession.ExpectCodeAsync(session.StartAsync());
        await session.AllowAsync(code.UserCode!, IdentityHost.Employee);
        Assert.False((await session.PollAsync(code.DeviceCode!)).IsError);

        var again = await session.PollAsync(code.DeviceCode!);

        Assert.Equal("invalid_grant", again.Error);
        Assert.Null(again.AccessToken);
    }

    [Fact]
    public async Task Activate_UsedUserCode_ShowsTheWrongCodeMessage()
    {
        using var session = new DeviceSession(Host);
        var code = await DeviceSession.ExpectCodeAsync(session.StartAsync());
        await session.AllowAsync(code.UserCode!, IdentityHost.Employee);

        var reused = await session.EnterCodeAsync(code.UserCode!);

        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("That code is not valid", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BCDF-GHJK")]
    [InlineData("not a code at all")]
    [InlineData("12345678")]
    [InlineData("ÄÖÜ-😀")]
    public async Task Activate_WrongCode_ShowsAClearMessageAndTheFormAgain(string typed)
    {
        using var session = new DeviceSession(Host);

        var response = await session.EnterCodeAsync(typed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("That code is not valid", page, StringComparison.Ordinal);
        Assert.Contains("name=\"user_code\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activate_VerificationUriComplete_LeadsThroughLoginToTheConfirmationWithTheCode()
    {
        using var session = new DeviceSession(Host);
        var code = await DeviceSession.ExpectCodeAsync(session.StartAsync());
        Assert.Equal("http://localhost/activate?user_code=" + code.UserCode, code.VerificationUriComplete);

        var opened = await session.Browser.Http.GetAsync(code.VerificationUriComplete);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var login = await session.Browser.PostLoginAsync(opened.Headers.Location!.OriginalString, IdentityHost.Contractor, IdentityHost.DemoPassword);
        var page = await session.Browser.Http.GetStringAsync(login.Headers.Location!.OriginalString);

        Assert.Contains($"<strong class=\"code\" id=\"activate-code\">{code.UserCode}</strong>", page, StringComparison.Ordinal);
        Assert.Contains("as <span class=\"name\">contractor@exampleco.com</span>?", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activate_AllowWithoutAntiforgeryToken_IsRefusedAndTheDeviceStaysPending()
    {
        using var session = new DeviceSession(Host);
        var code = await DeviceSession.ExpectCodeAsync(session.StartAsync());
        await session.ReachConfirmationAsync(code.UserCode!, IdentityHost.Employee);

        var forged = await session.Browser.Http.PostAsync("/activate?handler=Allow",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["user_code"] = code.UserCode! }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("authorization_pending", (await session.PollAsync(code.DeviceCode!)).Error);
    }

    [Theory]
    [InlineData(OidcTestClient.MobileClient, null, "unauthorized_client")]
    [InlineData(OidcTestClient.ImportClient, IdentityHost.ImportSecret, "unauthorized_client")]
    [InlineData(OidcTestClient.ImportClient, null, "invalid_client")]
    [InlineData("no-such-client", null, "invalid_client")]
    public async Task DeviceAuthorization_ClientNotRegisteredForTheGrant_IsRefused(string clientId, string? secret, string error)
    {
        using var session = new DeviceSession(Host);

        var refused = await session.StartAsync(clientId, secret);

        Assert.True(refused.IsError);
        // Read from the body: Duende reports a 401 by its status text.
        Assert.Equal(error, JsonDocument.Parse(refused.Raw!).RootElement.GetProperty("error").GetString());
        Assert.Null(refused.DeviceCode);
    }

    [Theory]
    [InlineData("https://api.exampleco.com/timesheets", "https://api.exampleco.com/other")]
    [InlineData("https://api.exampleco.com/other", null)]
    [InlineData(null, "https://api.exampleco.com/other")]
    [InlineData("not a uri", null)]
    public async Task DeviceAuthorization_AudienceOrResourceNotThisApi_IsInvalidTarget(string? audience, string? resource)
    {
        using var session = new DeviceSession(Host);
        var form = new Dictionary<string, string?> { ["client_id"] = OidcTestClient.CliClient, ["scope"] = "openid", ["audience"] = audience, ["resource"] = resource };
        var response = await session.Device.PostAsync(DeviceSession.DeviceEndpoint, new FormUrlEncodedContent(form.Where(p => p.Value is not null)!));

        var error = await OidcTestClient.ExpectErrorAsync(response);
        Assert.Equal((400, "invalid_target"), (error.Status, error.Error));
    }

    [Fact]
    public async Task DeviceAuthorization_JsonBodyWithAudience_IsAcceptedLikeAuth0()
    {
        using var session = new DeviceSession(Host);

        var response = await session.Device.PostAsJsonAsync(DeviceSession.DeviceEndpoint,
            new { client_id = OidcTestClient.CliClient, scope = "openid offline_access", audience = IdentityHost.ApiAudience });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("device_code").GetString()));
    }

    private static List<string> Permissions(JsonWebToken jwt) => Flows.CodeFlowTests.Permissions(jwt);
}
