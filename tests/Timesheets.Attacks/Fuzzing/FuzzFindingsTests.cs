using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Timesheets.Attacks.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Attacks.Fuzzing;

/// <summary>
/// What the fuzzers found, pinned as plain tests: each names one request a client (or a browser)
/// can send and the answer it must get instead of a 500.
/// </summary>
[Collection(AttackCollection.Name)]
public sealed class FuzzFindingsTests(AttackFixture fixture)
{
    public static TheoryData<string, string, string> ApiErrors => new()
    {
        // A browser opening the API without a token sends Accept: text/html.
        { "anonymous", "GET", "/timesheets" },
        { "employee", "GET", "/audit" },
        { "employee", "GET", "/no-such-route" },
        { "employee", "PATCH", "/timesheets" },
    };

    [Theory]
    [MemberData(nameof(ApiErrors))]
    public async Task ApiError_WithNonJsonAccept_IsStillProblemJson(string caller, string method, string path)
    {
        foreach (var accept in new[] { "text/html", "application/xml" })
        {
            using var client = await fixture.ApiClientAsync(Caller.Named(caller));
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Headers.Accept.ParseAdd(accept);
            using var response = await client.SendAsync(request);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"Accept {accept}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("nonsense")]
    public async Task CreateEntry_JsonInAnUnknownCharset_Returns4xxProblem(string charset)
    {
        using var client = await fixture.ApiClientAsync(Caller.Employee);
        using var content = new StringContent("""{"date":"2026-01-05","project":"Internal","hours":1}""", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"application/json; charset={charset}");
        using var response = await client.PostAsync("/timesheets", content);
        Assert.True((int)response.StatusCode is 400 or 415, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/oauth/token")]
    [InlineData("/oauth/revoke")]
    [InlineData("/userinfo")]
    [InlineData("/v2/logout")]
    [InlineData("/authorize")]
    public async Task OidcEndpoint_FormWithAKeyOverTheFormLimit_ReturnsInvalidRequestNot500(string path)
    {
        using var client = fixture.Identity.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var content = new StringContent("client_id=timesheets-mobile&" + new string('z', 3000) + "=1", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await client.PostAsync(path, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        if (path is "/oauth/token" or "/oauth/revoke")
        {
            Assert.Equal("invalid_request", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task TokenEndpoint_JsonBodyWithALoneSurrogate_ReturnsInvalidRequest()
    {
        using var client = fixture.Identity.CreateClient();
        using var content = new StringContent("""{"grant_type":"client_credentials","client_id":"\ud800"}""", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/oauth/token", content);
        var error = await OidcTestClient.ExpectErrorAsync(response);
        Assert.Equal((400, "invalid_request"), (error.Status, error.Error));
    }

    [Theory]
    [InlineData("POST", "/account/login")]
    [InlineData("GET", "/no-such-page")]
    public async Task IdentityError_WithNonJsonAccept_IsNot500(string method, string path)
    {
        // A login form posted after its antiforgery cookie expired, from a client that asks for HTML only.
        using var client = fixture.Identity.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "nobody@nowhere.invalid", ["Password"] = "x" }) : null,
        };
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request);
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
