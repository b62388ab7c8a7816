using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Oidc;

/// <summary>
/// Clients written for Auth0 name the API as <c>audience</c>, clients written for RFC 8707 as
/// <c>resource</c>, and some send both. Every combination, on form and JSON bodies, for client
/// credentials, for the code grant's token request and for its authorization request: accepted
/// when the two agree, <c>invalid_target</c> when they do not.
/// </summary>
public abstract class AudienceAndResourceTests(IdentityFixture fixture)
{
    private const string Api = IdentityHost.ApiAudience;
    private const string OtherApi = "https://api.exampleco.com/other";

    private IdentityHost Host => fixture.Host;

    /// <summary>Each case: the target parameters sent, and the error expected (null: a token for the API).</summary>
    private static readonly Dictionary<string, (KeyValuePair<string, string>[] Pairs, string? Error)> Cases = new()
    {
        ["neither"] = ([], null),
        ["audience only"] = ([new("audience", Api)], null),
        ["resource only"] = ([new("resource", Api)], null),
        ["both, equal"] = ([new("audience", Api), new("resource", Api)], null),
        ["audience twice, equal to resource"] = ([new("audience", Api), new("audience", Api), new("resource", Api)], null),
        ["both, different audience"] = ([new("audience", OtherApi), new("resource", Api)], "invalid_target"),
        ["both, different resource"] = ([new("audience", Api), new("resource", OtherApi)], "invalid_target"),
        ["several audiences, one resource"] = ([new("audience", Api), new("audience", OtherApi), new("resource", Api)], "invalid_target"),
        ["one audience, several resources"] = ([new("audience", Api), new("resource", Api), new("resource", OtherApi)], "invalid_target"),
    };

    public static TheoryData<string, string> CasesAndBodies()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Cases.Keys)
        {
            data.Add(name, "form");
            data.Add(name, "json");
        }

        return data;
    }

    public static TheoryData<string, string> CasesAndMethods()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Cases.Keys)
        {
            data.Add(name, "GET");
            data.Add(name, "POST");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAndBodies))]
    public async Task ClientCredentials_AudienceAndResource_AcceptedOnlyWhenTheyAgree(string name, string body)
    {
        using var client = Host.CreateOidcClient();
        var (pairs, error) = Cases[name];
        var response = await client.Http.PostAsync("/oauth/token", Body(body,
        [
            new("grant_type", "client_credentials"),
            new("client_id", OidcTestClient.ImportClient),
            new("client_secret", IdentityHost.ImportSecret),
            .. pairs,
        ]));

        await AssertOutcomeAsync(client, response, error);
    }

    [Theory]
    [MemberData(nameof(CasesAndBodies))]
    public async Task CodeRedemption_AudienceAndResource_AcceptedOnlyWhenTheyAgree(string name, string body)
    {
        using var client = Host.CreateOidcClient();
        var pkce = OidcTestClient.Pkce.New();
        var redirect = await client.AuthorizeAsync(OidcTestClient.AuthorizeUrl(pkce, "s"), IdentityHost.Employee, IdentityHost.DemoPassword);
        var (pairs, error) = Cases[name];
        var response = await client.Http.PostAsync("/oauth/token", Body(body,
        [
            new("grant_type", "authorization_code"),
            new("code", QueryHelpers.ParseQuery(redirect.Query)["code"].ToString()),
            new("code_verifier", pkce.Verifier),
            new("client_id", OidcTestClient.MobileClient),
            new("redirect_uri", OidcTestClient.MobileRedirect),
            .. pairs,
        ]));

        await AssertOutcomeAsync(client, response, error);
    }

    [Theory]
    [MemberData(nameof(CasesAndMethods))]
    public async Task Authorize_AudienceAndResource_AcceptedOnlyWhenTheyAgree(string name, string method)
    {
        using var client = Host.CreateOidcClient();
        await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword); // a session: no login page on the way
        var pkce = OidcTestClient.Pkce.New();
        var (pairs, error) = Cases[name];
        var url = OidcTestClient.AuthorizeUrl(pkce, "s");
        var query = QueryHelpers.ParseQuery(new Uri(new Uri(IdentityHost.Issuer), url).Query)
            .Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString()))
            .Concat(pairs)
            .ToList();
        var response = method == "GET"
            ? await client.Http.GetAsync(QueryHelpers.AddQueryString("/authorize", query!))
            : await client.Http.PostAsync("/authorize", new FormUrlEncodedContent(query));

        if (error is not null)
        {
            await Attacks.ProtocolAttackTests.AssertRefusedLocallyAsync(response, error);
            return;
        }

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // The mobile app's native redirect from an existing session: the user confirms on the consent page.
        if (response.Headers.Location!.OriginalString.StartsWith(OidcTestClient.ConsentPath, StringComparison.Ordinal))
        {
            var allowed = await client.PostPageAsync(response.Headers.Location.OriginalString, "Allow");
            response = await client.Http.GetAsync(allowed.Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var code = QueryHelpers.ParseQuery(response.Headers.Location!.Query)["code"].ToString();
        Assert.False(string.IsNullOrEmpty(code), response.Headers.Location!.OriginalString);
        await AssertOutcomeAsync(client, await client.RedeemCodeAsync(code, pkce.Verifier), error: null);
    }

    private static async Task AssertOutcomeAsync(OidcTestClient client, HttpResponseMessage response, string? error)
    {
        if (error is not null)
        {
            var refused = await OidcTestClient.ExpectErrorAsync(response);
            Assert.Equal((400, error), (refused.Status, refused.Error));
            return;
        }

        var tokens = await OidcTestClient.ExpectTokensAsync(response);
        var jwt = await Jwks.ValidateAsync(client.Http, tokens.AccessToken, Api);
        Assert.Equal(Api, Assert.Single(jwt.Audiences));
    }

    /// <summary>A form, or the same pairs as a JSON object (a repeated name stays repeated, as a form would send it).</summary>
    private static HttpContent Body(string kind, IEnumerable<KeyValuePair<string, string>> pairs) => kind == "json"
        ? new StringContent("{" + string.Join(',', pairs.Select(p => JsonSerializer.Serialize(p.Key) + ":" + JsonSerializer.Serialize(p.Value))) + "}",
            Encoding.UTF8, "application/json")
        : new FormUrlEncodedContent(pairs);
}
