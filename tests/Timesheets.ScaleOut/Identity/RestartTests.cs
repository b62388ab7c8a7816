using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Timesheets.ScaleOut.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.ScaleOut.Identity;

/// <summary>
/// An Identity instance stopped (SIGTERM, as a rolling upgrade does) and started again: nothing a user holds
/// lived only in its memory. The signing keys, tokens and data-protection keys are in PostgreSQL, so access
/// tokens it issued still validate, its refresh tokens still refresh, and the login cookie still opens a session.
/// </summary>
[Collection(TopologyCollection.Name)]
public sealed class RestartTests(Topology topology)
{
    [Fact]
    public async Task Restart_OneInstance_TokensAndLoginSessionSurvive_AndTheOtherServesMeanwhile()
    {
        var (oidc, pin) = topology.IdentityClient();
        using (oidc)
        {
            pin.Instance = 0;
            var tokens = await oidc.LoginAsync(IdentityHost.Contractor, IdentityHost.DemoPassword);

            await topology.Identity.StopAsync(0);
            try
            {
                // Meanwhile the proxy sends everything to the other instance, which knows the same keys and grants.
                pin.Instance = null;
                tokens = await OidcTestClient.ExpectTokensAsync(await oidc.RefreshAsync(tokens.RefreshToken!));
            }
            finally
            {
                await topology.Identity.StartAsync(0);
            }

            pin.Instance = 0;
            var refreshed = await OidcTestClient.ExpectTokensAsync(await oidc.RefreshAsync(tokens.RefreshToken!));

            // The access token issued before the restart still opens the API, and so does the new one.
            using var api = topology.ApiClient(tokens.AccessToken).Http;
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/me")).StatusCode);
            using var after = topology.ApiClient(refreshed.AccessToken).Http;
            Assert.Equal(HttpStatusCode.OK, (await after.GetAsync("/me")).StatusCode);

            // The login cookie from before the restart is still a session: prompt=none gets a code, no login page.
            var pkce = OidcTestClient.Pkce.New();
            var url = OidcTestClient.AuthorizeUrl(pkce, "silent", new Dictionary<string, string?> { ["prompt"] = "none" },
                redirectUri: IdentityHost.PwaRedirect);
            var redirect = (await oidc.Http.GetAsync(url)).Headers.Location!;
            Assert.StartsWith(IdentityHost.PwaRedirect, redirect.ToString(), StringComparison.Ordinal);
            var code = QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();
            Assert.False(string.IsNullOrEmpty(code), redirect.ToString());
            await OidcTestClient.ExpectTokensAsync(await oidc.RedeemCodeAsync(code, pkce.Verifier, redirectUri: IdentityHost.PwaRedirect));
        }
    }
}
