using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Timesheets.ScaleOut.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.ScaleOut.Identity;

/// <summary>
/// A user's login hops between Identity instances as a load balancer sends it: the login form from one, its post
/// to the other (antiforgery and the login cookie are sealed with the data-protection keys in PostgreSQL), the
/// code redeemed and the tokens refreshed wherever the next request lands.
/// </summary>
[Collection(TopologyCollection.Name)]
public sealed partial class LoginAcrossInstancesTests(Topology topology)
{
    [Fact]
    public async Task Login_FormFromOneInstance_PostedToTheOther_CodeRedeemedAndRefreshedAcrossBoth()
    {
        var (oidc, pin) = topology.IdentityClient();
        using var _ = oidc;
        var pkce = OidcTestClient.Pkce.New();

        pin.Instance = 0;
        var authorize = await oidc.Http.GetAsync(OidcTestClient.AuthorizeUrl(pkce, "hop"));
        var login = authorize.Headers.Location!.OriginalString;
        Assert.Contains("/account/login", login, StringComparison.Ordinal);
        var form = await oidc.Http.GetStringAsync(login);

        pin.Instance = 1;
        var posted = await oidc.Http.PostAsync(login, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = IdentityHost.Employee,
            ["Password"] = IdentityHost.DemoPassword,
            ["ReturnUrl"] = WebUtility.HtmlDecode(ReturnUrlField().Match(form).Groups[1].Value),
            ["__RequestVerificationToken"] = OidcTestClient.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        // Back to /authorize at the first instance, with the login cookie the second one set: the code, no login page again.
        pin.Instance = 0;
        var redirect = (await oidc.Http.GetAsync(posted.Headers.Location!.OriginalString)).Headers.Location!;
        Assert.StartsWith(OidcTestClient.MobileRedirect, redirect.ToString(), StringComparison.Ordinal);
        var code = QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();
        Assert.False(string.IsNullOrEmpty(code), redirect.ToString());

        pin.Instance = 1;
        var tokens = await OidcTestClient.ExpectTokensAsync(await oidc.RedeemCodeAsync(code, pkce.Verifier));
        pin.Instance = 0;
        var refreshed = await OidcTestClient.ExpectTokensAsync(await oidc.RefreshAsync(tokens.RefreshToken!));
        pin.Instance = 1;
        var again = await OidcTestClient.ExpectTokensAsync(await oidc.RefreshAsync(refreshed.RefreshToken!));
        Assert.NotEqual(refreshed.RefreshToken, again.RefreshToken);

        // Either instance's tokens work at the API, whichever instance answers.
        using var api = topology.ApiClient(again.AccessToken).Http;
        for (var i = 0; i < 4; i++)
        {
            var me = await api.GetAsync("/me");
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }
    }

    [GeneratedRegex("name=\"ReturnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();
}
