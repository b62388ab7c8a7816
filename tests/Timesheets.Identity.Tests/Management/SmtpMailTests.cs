using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Management;

/// <summary>
/// With SMTP configured (<c>Smtp:Host</c>), invitations and set-password links go out by e-mail through MailKit,
/// here to a real SMTP listener on loopback (<see cref="LoopbackSmtpServer"/>): the mail reaches the person with
/// a working link, the admin's answer (API and page) does not carry the link, and the link never reaches the
/// logs. A mail server that is down is a clear 502 to the admin, and nobody is invited.
/// </summary>
public sealed partial class SmtpMailTests
{
    private const string Sender = "timesheets@exampleco.com";
    private const string Invitation = "You are invited to Timesheets";
    private const string Reset = "Set a new Timesheets password";

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task WithSmtp_InvitationAndResetAreMailed_NotReturned_LinksWork_NeverLogged(string provider)
    {
        await using var smtp = new LoopbackSmtpServer();
        await using var host = new IdentityHost(await TestDatabase.CreateAsync(provider, "smtp"), Settings(smtp.Port));
        using var admin = await ManagementCalls.ForUserAsync(host, IdentityHost.Admin);
        var email = $"mailed-{Guid.NewGuid():N}@exampleco.com";

        using var created = await admin.SendAsync(HttpMethod.Post, "/api/v2/users", new CreateUserRequest { Email = email, Name = "Mia Mailed" });
        var answer = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False(JsonDocument.Parse(answer).RootElement.TryGetProperty("invitation_url", out var url) && url.ValueKind != JsonValueKind.Null, answer);
        Assert.DoesNotContain("set-password", answer, StringComparison.Ordinal);

        var mail = await smtp.MailToAsync(email, Invitation);
        Assert.Equal(Sender, mail.From);
        Assert.Equal([email], mail.Recipients);
        var link = LinkIn(mail);
        Assert.DoesNotContain(link, answer, StringComparison.Ordinal);
        using var browser = host.CreateOidcClient();
        var set = await ManagementSession.SetPasswordAsync(browser, link, "Mailed-password-for-Mia-2026");
        Assert.Equal("/account/password-set", set.Headers.Location!.OriginalString);
        Assert.NotNull((await browser.LoginAsync(email, "Mailed-password-for-Mia-2026")).AccessToken);

        var userId = await ConfirmPagesTests.UserIdAsync(admin, email);
        var ticket = await admin.ExpectAsync<PasswordChangeTicket>(HttpMethod.Post, "/api/v2/tickets/password-change",
            new PasswordChangeTicketRequest { UserId = userId }, HttpStatusCode.Created);
        Assert.Null(ticket.Ticket);
        var resetLink = LinkIn(await smtp.MailToAsync(email, Reset));
        using var again = host.CreateOidcClient();
        Assert.Equal(HttpStatusCode.Redirect, (await ManagementSession.SetPasswordAsync(again, resetLink, "Reset-password-for-Mia-2026")).StatusCode);
        Assert.NotNull((await again.LoginAsync(email, "Reset-password-for-Mia-2026")).AccessToken);

        // The admin pages: the invitation and a reset link are mailed, the page says so and shows no link.
        using var pages = await AdminBrowser.LoggedInAsync(host, IdentityHost.Admin);
        var paged = $"paged-{Guid.NewGuid():N}@exampleco.com";
        var invited = await pages.PostFormAsync("/admin/users/invite", "", new() { ["Email"] = paged, ["Name"] = "Pat Paged" });
        var userPage = invited.Headers.Location!.OriginalString;
        var shown = await pages.Http.GetStringAsync(userPage);
        Assert.Contains($"Invitation e-mailed to {paged}.", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("set-password?", shown, StringComparison.Ordinal);
        var pageReset = await pages.PostFormAsync(userPage, "PasswordLink", []);
        Assert.Equal(HttpStatusCode.Redirect, pageReset.StatusCode);
        Assert.Contains("e-mailed to the user", await pages.Http.GetStringAsync(userPage), StringComparison.Ordinal);
        var pagedLinks = new[] { LinkIn(await smtp.MailToAsync(paged, Invitation)), LinkIn(await smtp.MailToAsync(paged, Reset)) };

        foreach (var sent in new[] { link, resetLink }.Concat(pagedLinks))
        {
            var token = QueryHelpers.ParseQuery(new Uri(sent).Query)["token"].ToString();
            Assert.False(string.IsNullOrEmpty(token));
            Assert.DoesNotContain(host.Logs.Lines, l => Contains(l, token) || Contains(l, Uri.EscapeDataString(token)));
        }

        Assert.Contains(host.Logs.Lines, l => l.Message.Contains("Set-password e-mail handed to 127.0.0.1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task SmtpServerDown_Answers502WithTheReason_NobodyInvited_NothingChanged(string provider)
    {
        await using var host = new IdentityHost(await TestDatabase.CreateAsync(provider, "smtp-down"), Settings(LoopbackSmtpServer.ClosedPort()));
        using var admin = await ManagementCalls.ForUserAsync(host, IdentityHost.Admin);
        var email = $"unmailed-{Guid.NewGuid():N}@exampleco.com";

        var problem = await admin.ExpectProblemAsync(HttpMethod.Post, "/api/v2/users", new CreateUserRequest { Email = email, Name = "Una Unmailed" }, HttpStatusCode.BadGateway);
        Assert.Contains("could not be sent; nobody was invited", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await admin.ExpectAsync<List<ManagementUser>>(HttpMethod.Get, "/api/v2/users-by-email?email=" + Uri.EscapeDataString(email)));

        var employee = await ConfirmPagesTests.UserIdAsync(admin, IdentityHost.Employee);
        var ticket = await admin.ExpectProblemAsync(HttpMethod.Post, "/api/v2/tickets/password-change", new PasswordChangeTicketRequest { UserId = employee }, HttpStatusCode.BadGateway);
        Assert.Contains("nothing changed", ticket.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var pages = await AdminBrowser.LoggedInAsync(host, IdentityHost.Admin);
        var invited = await pages.PostFormAsync("/admin/users/invite", "", new() { ["Email"] = email, ["Name"] = "Una Unmailed" });
        Assert.Equal(HttpStatusCode.BadGateway, invited.StatusCode);
        Assert.Contains("Check the SMTP settings", await invited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await admin.ExpectAsync<List<ManagementUser>>(HttpMethod.Get, "/api/v2/users-by-email?email=" + Uri.EscapeDataString(email)));
        Assert.Contains(host.Logs.Lines, l => l.Message.StartsWith("Set-password e-mail not sent through 127.0.0.1", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> Settings(int port) => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["Smtp:From"] = Sender,
        ["Smtp:UseTls"] = "false",
    };

    private static string LinkIn(ReceivedMail mail)
    {
        var match = SetPasswordLink().Match(mail.TextBody);
        Assert.True(match.Success, "The mail carries no set-password link: " + mail.TextBody);
        return match.Value;
    }

    private static bool Contains(LogCapture.LogLine line, string text) =>
        line.Message.Contains(text, StringComparison.Ordinal) || line.Exception?.Contains(text, StringComparison.Ordinal) == true;

    [GeneratedRegex(@"http://localhost/account/set-password\?\S+")]
    private static partial Regex SetPasswordLink();
}
