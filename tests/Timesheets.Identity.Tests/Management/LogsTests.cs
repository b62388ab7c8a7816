using System.Net;
using System.Text.Json;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Management;

/// <summary>
/// <c>/api/v2/logs</c>: security events (a failed and a successful login) arrive in the log with Auth0's
/// type codes, the user and the address; filters, paging and totals work; bad parameters are 400.
/// </summary>
public abstract class LogsTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task FailedAndSuccessfulLogin_AppearAsFAndS_WithUserAndIp()
    {
        var email = await fixture.CreateUserAsync("Employee");
        using var browser = Host.CreateOidcClient(IPAddress.Parse("203.0.113.7"));
        var failed = await browser.PostLoginAsync("/account/login", email, "wrong-password-123");
        Assert.NotEqual(HttpStatusCode.Redirect, failed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostLoginAsync("/account/login", email, IdentityHost.DemoPassword)).StatusCode);
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);

        var entries = await Eventually.ReturnsAsync(
            () => admin.ExpectAsync<List<LogResponse>>(HttpMethod.Get, "/api/v2/logs?q=" + Uri.EscapeDataString(email)),
            list => list.Count >= 2, "the two logins are in the log");

        Assert.Equal(["s", "f"], entries.Take(2).Select(e => e.Type));
        Assert.All(entries.Take(2), e =>
        {
            Assert.Equal(email, e.UserName);
            Assert.Equal("203.0.113.7", e.Ip);
            Assert.False(string.IsNullOrEmpty(e.UserId));
        });
        var byUser = await admin.ExpectAsync<List<LogResponse>>(HttpMethod.Get, $"/api/v2/logs?user_id={entries[0].UserId}&type=f");
        Assert.Equal("f", Assert.Single(byUser).Type);
        var one = await admin.ExpectAsync<LogResponse>(HttpMethod.Get, $"/api/v2/logs/{entries[0].LogId}");
        Assert.Equal(entries[0].Description, one.Description);
        Assert.DoesNotContain("wrong-password-123", JsonSerializer.Serialize(entries, ManagementCalls.Json), StringComparison.Ordinal);
    }

    /// <summary>
    /// A machine token is a security event in the log table (Auth0's <c>seccft</c>), though its own category keeps
    /// the line off the console: the audit trail of tokens is the log, at any rate of issue.
    /// </summary>
    [Fact]
    public async Task ClientCredentialsToken_AppearsAsSeccft_WithTheClient()
    {
        using var machine = Host.CreateOidcClient();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await OidcTestClient.ExpectTokensAsync(await machine.ClientCredentialsAsync());
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);

        var entries = await Eventually.ReturnsAsync(
            () => admin.ExpectAsync<List<LogResponse>>(HttpMethod.Get, "/api/v2/logs?type=seccft&per_page=100"),
            list => list.Any(e => e.Date >= before && e.ClientId == OidcTestClient.ImportClient), "the machine token is in the log");

        Assert.Contains(entries, e => e.ClientId == OidcTestClient.ImportClient && e.Type == "seccft");
    }

    [Fact]
    public async Task Paging_NewestFirst_WithTotals_AndDates()
    {
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        for (var i = 0; i < 3; i++)
        {
            await ClientsTests.CreateMachineClientAsync(admin, $"Paged {i}");
        }

        var page = await admin.ExpectAsync<LogPage>(HttpMethod.Get, "/api/v2/logs?type=sapi&per_page=2&page=0&include_totals=true");
        Assert.Equal(2, page.Length);
        Assert.Equal(2, page.Limit);
        Assert.True(page.Total >= 3);
        Assert.True(page.Logs[0].Date >= page.Logs[1].Date);
        var second = await admin.ExpectAsync<LogPage>(HttpMethod.Get, "/api/v2/logs?type=sapi&per_page=2&page=1&include_totals=true");
        Assert.Equal(2, second.Start);
        Assert.DoesNotContain(second.Logs, l => page.Logs.Any(p => p.LogId == l.LogId));
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEmpty(await admin.ExpectAsync<List<LogResponse>>(HttpMethod.Get, $"/api/v2/logs?type=sapi&from={today}&to={today}"));
        Assert.Empty(await admin.ExpectAsync<List<LogResponse>>(HttpMethod.Get, "/api/v2/logs?type=sapi&to=2000-01-01"));
    }

    [Theory]
    [InlineData("per_page=101")]
    [InlineData("per_page=0")]
    [InlineData("page=-1")]
    [InlineData("from=yesterday")]
    [InlineData("page=abc")]
    public async Task Search_BadParameters_400(string query)
    {
        using var admin = await ManagementCalls.ForUserAsync(Host, IdentityHost.Admin);
        await admin.ExpectProblemAsync(HttpMethod.Get, "/api/v2/logs?" + query, null, HttpStatusCode.BadRequest);
        await admin.ExpectProblemAsync(HttpMethod.Get, "/api/v2/logs/999999999", null, HttpStatusCode.NotFound);
    }
}
