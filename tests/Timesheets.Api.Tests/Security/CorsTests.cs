using System.Net;
using System.Net.Http.Headers;
using Timesheets.Api.Configuration;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Security;

/// <summary><c>Api:CorsOrigins</c>: the browser app's origin may call the API from its pages, no other origin may.</summary>
[Collection(SqliteCollection.Name)]
public sealed class CorsTests(SqliteApiFixture fixture)
{
    private const string App = "https://timesheets.exampleco.com";

    private ApiHost Host() => new(fixture.Identity, TestDatabase.Sqlite("cors"), new Dictionary<string, string?> { ["Api:CorsOrigins:0"] = App });

    private static HttpRequestMessage Preflight(string origin, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/timesheets/1");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    [Fact]
    public async Task Preflight_FromTheAppsOrigin_AllowsAnEditWithItsVersion()
    {
        await using var host = Host();
        using var client = host.CreateClient();
        var response = await client.SendAsync(Preflight(App, "PUT", "authorization,content-type,if-match"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(App, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("PUT", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("if-match", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://timesheets.exampleco.com.evil.example")]
    [InlineData("http://timesheets.exampleco.com")]
    public async Task Preflight_FromAnotherOrigin_IsNotAllowed(string origin)
    {
        await using var host = Host();
        using var client = host.CreateClient();
        var response = await client.SendAsync(Preflight(origin, "DELETE", "authorization"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task List_FromTheAppsOrigin_ExposesTheNextPageLinkAndVersions()
    {
        await using var host = Host();
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/timesheets");
        request.Headers.Add("Origin", App);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await fixture.TokenAsync(IdentityHost.Employee));
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(App, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var exposed = response.Headers.GetValues("Access-Control-Expose-Headers").Single();
        Assert.Contains("ETag", exposed, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Link", exposed, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task List_WithoutCorsOrigins_AllowsNoBrowserOrigin()
    {
        using var client = fixture.Api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("Origin", App);
        Assert.False((await client.SendAsync(request)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://*.exampleco.com")]
    [InlineData("https://timesheets.exampleco.com/")]
    [InlineData("https://timesheets.exampleco.com/app")]
    [InlineData("timesheets.exampleco.com")]
    public void CorsOrigins_NotAnExactOrigin_IsRefused(string origin)
    {
        var result = new ApiSettingsValidator().Validate(null, new ApiSettings { RequireHttps = false, CorsOrigins = [origin] });
        Assert.True(result.Failed);
        Assert.Contains("Api__CorsOrigins", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void CorsOrigins_ExactOrigins_AreAccepted() =>
        Assert.True(new ApiSettingsValidator().Validate(null, new ApiSettings { RequireHttps = false, CorsOrigins = [App, "http://127.0.0.1:5003"] }).Succeeded);
}
