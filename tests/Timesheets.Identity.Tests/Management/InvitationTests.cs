using System.Net;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Management;

/// <summary>An invitation link sets the password once, confirms the e-mail, and expires.</summary>
public abstract class InvitationTests(IdentityFixture fixture)
{
    private const string NewPassword = "Fresh-password-for-Ivy-2026";

    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task InvitationLink_SetsPasswordOnce_ThenTheUserLogsIn()
    {
        using var admin = await ManagementSession.ClientAsync(Host, IdentityHost.Admin);
        var invited = await admin.InviteAsync(await admin.RoleIdAsync("Employee"));
        using var browser = Host.CreateOidcClient();

        var set = await ManagementSession.SetPasswordAsync(browser, invited.InvitationUrl!, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/account/password-set", set.Headers.Location!.OriginalString);
        Assert.True((await (await admin.GetAsync($"/api/v2/users/{invited.UserId}")).ReadAsync<ManagementUser>()).EmailVerified);

        // Used once: the same link now says so and sets nothing.
        var again = await browser.Http.GetStringAsync(new Uri(invited.InvitationUrl!).PathAndQuery);
        Assert.Contains("expired or has already been used", again, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Password\"", again, StringComparison.Ordinal);

        var tokens = await browser.LoginAsync(invited.Email!, NewPassword);
        Assert.NotNull(tokens.AccessToken);
        Assert.DoesNotContain(Host.Logs.Lines, l => l.Message.Contains(invited.InvitationUrl!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PasswordTicket_ShortPasswordRefused_LinkStillWorks()
    {
        using var admin = await ManagementSession.ClientAsync(Host, IdentityHost.Admin);
        var invited = await admin.InviteAsync();
        var ticket = await (await admin.SendJsonAsync(HttpMethod.Post, "/api/v2/tickets/password-change", new PasswordChangeTicketRequest { UserId = invited.UserId })).ReadAsync<PasswordChangeTicket>();
        using var browser = Host.CreateOidcClient();

        var tooShort = await ManagementSession.SetPasswordAsync(browser, ticket.Ticket!, "short");
        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        Assert.Contains("at least 12", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ManagementSession.SetPasswordAsync(browser, ticket.Ticket!, NewPassword)).StatusCode);
        // The invitation link made earlier died with the password change.
        var old = await browser.Http.GetStringAsync(new Uri(invited.InvitationUrl!).PathAndQuery);
        Assert.Contains("expired or has already been used", old, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvitationLink_AfterItsLifetime_IsRefused()
    {
        // Identity's data-protection tokens read the system clock, not the host's TimeProvider: a short lifetime instead.
        await using var host = new IdentityHost(await TestDatabase.CreateAsync(fixture.Provider, "invite"),
            new Dictionary<string, string?> { ["Invitations:Lifetime"] = "00:00:02" });
        using var admin = await ManagementSession.ClientAsync(host, IdentityHost.Admin);
        var invited = await admin.InviteAsync();
        using var browser = host.CreateOidcClient();
        Assert.DoesNotContain("expired", await browser.Http.GetStringAsync(new Uri(invited.InvitationUrl!).PathAndQuery), StringComparison.Ordinal);

        await Task.Delay(TimeSpan.FromSeconds(3));
        var page = await browser.Http.GetStringAsync(new Uri(invited.InvitationUrl!).PathAndQuery);
        Assert.Contains("expired or has already been used", page, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Redirect, (await ManagementSession.SetPasswordAsync(browser, invited.InvitationUrl!, NewPassword)).StatusCode);
    }
}
