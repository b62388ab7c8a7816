using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Identity.Tests.Infrastructure;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Tests.Attacks;

public abstract partial class LoginAttackTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    private async Task<string> LoginPageAsync(OidcTestClient client)
    {
        var response = await client.Http.GetAsync(OidcTestClient.AuthorizeUrl(OidcTestClient.Pkce.New(), "s"));
        return response.Headers.Location!.OriginalString;
    }

    private static async Task<string?> ErrorMessageAsync(HttpResponseMessage response) =>
        ErrorParagraph().Match(await response.Content.ReadAsStringAsync()) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [Fact]
    public async Task Login_UnknownUserAndWrongPassword_GetTheSameAnswer()
    {
        using var client = Host.CreateOidcClient();
        var login = await LoginPageAsync(client);

        var unknown = await client.PostLoginAsync(login, "nobody-" + Guid.NewGuid().ToString("N") + "@exampleco.com", "whatever-password");
        var wrong = await client.PostLoginAsync(login, IdentityHost.Contractor, "wrong-password-123");

        Assert.Equal(unknown.StatusCode, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var unknownMessage = await ErrorMessageAsync(unknown);
        Assert.NotNull(unknownMessage);
        Assert.Equal(unknownMessage, await ErrorMessageAsync(wrong));
    }

    [Fact]
    public async Task Login_TenFailures_BlockThisAddressEvenForTheRightPasswordButNotTheAccount()
    {
        var email = await fixture.CreateUserAsync(Roles.Employee);
        using var client = Host.CreateOidcClient(IPAddress.Parse("192.0.2.10"));
        var login = await LoginPageAsync(client);

        for (var i = 0; i < 10; i++)
        {
            await client.PostLoginAsync(login, email, "wrong-password-" + i);
        }

        var right = await client.PostLoginAsync(login, email, IdentityHost.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.NotNull(await ErrorMessageAsync(right));

        // The account itself is not locked: ten bad posts no longer lock the real user out.
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.False(await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!));
        Assert.Contains(Host.Logs.Lines, l => l.EventId == 1006);
        using var elsewhere = Host.CreateOidcClient(IPAddress.Parse("192.0.2.11"));
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.PostLoginAsync(await LoginPageAsync(elsewhere), email, IdentityHost.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task Login_NineFailuresThenRightPassword_Succeeds()
    {
        var email = await fixture.CreateUserAsync(Roles.Employee);
        using var client = Host.CreateOidcClient();
        var login = await LoginPageAsync(client);

        for (var i = 0; i < 9; i++)
        {
            await client.PostLoginAsync(login, email, "wrong-password-" + i);
        }

        var right = await client.PostLoginAsync(login, email, IdentityHost.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
    }

    [Fact]
    public async Task Login_WithoutAntiforgeryToken_IsRejected()
    {
        using var client = Host.CreateOidcClient();
        var response = await client.Http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = IdentityHost.Employee,
            ["Password"] = IdentityHost.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Login_ReturnUrlToAnotherSite_IsNotFollowed()
    {
        using var client = Host.CreateOidcClient();
        var response = await client.PostLoginAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString("https://evil.example/"),
            IdentityHost.Employee, IdentityHost.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("evil.example", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_SendsAntiClickjackingAndCspHeaders()
    {
        using var client = Host.CreateOidcClient();
        var response = await client.Http.GetAsync("/account/login");

        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_NeverContainPasswordsSecretsOrTokens()
    {
        using var client = Host.CreateOidcClient();
        var tokens = await client.LoginAsync(IdentityHost.Admin, IdentityHost.DemoPassword);
        await client.RefreshAsync(tokens.RefreshToken!);
        await client.ClientCredentialsAsync();

        foreach (var line in Host.Logs.Lines)
        {
            var text = line.Message + line.Exception;
            Assert.DoesNotContain(IdentityHost.DemoPassword, text, StringComparison.Ordinal);
            Assert.DoesNotContain(IdentityHost.ImportSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(tokens.AccessToken, text, StringComparison.Ordinal);
            Assert.DoesNotContain(tokens.RefreshToken!, text, StringComparison.Ordinal);
        }

        Assert.Contains(Host.Logs.Lines, l => l.EventId == 1001);
        Assert.Contains(Host.Logs.Lines, l => l.EventId == 1010);
    }

    [GeneratedRegex("<p class=\"error\" role=\"alert\" id=\"login-error\">([^<]*)</p>")]
    private static partial Regex ErrorParagraph();
}
