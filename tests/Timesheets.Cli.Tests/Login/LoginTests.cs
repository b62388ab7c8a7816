using Microsoft.AspNetCore.WebUtilities;
using Timesheets.Cli.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Cli.Tests.Login;

public abstract class LoginTests(CliFixture fixture)
{
    [Fact]
    public async Task Login_ThroughTheBrowser_WhoamiShowsTheUserAndWhatTheScopesAllow()
    {
        using var user = new CliUser(fixture);

        var login = await user.LoginAsync(IdentityHost.Manager);

        Assert.Contains($"Logged in as", login.Out, StringComparison.Ordinal);
        Assert.Contains(IdentityHost.Manager, login.Out, StringComparison.Ordinal);
        // The URL is printed too, for a terminal whose browser did not open.
        Assert.Contains(user.Opened[0].AbsoluteUri[..40], login.Out.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(user.Opened[0].Query);
        Assert.Equal("timesheets-cli", query["client_id"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(ApiScopes.Audience, query["audience"]);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/callback$", query["redirect_uri"].ToString());
        Assert.Contains("You can close this tab", user.CallbackPage, StringComparison.Ordinal);

        var whoami = await user.RunAsync("whoami");
        Assert.Equal(0, whoami.ExitCode);
        Assert.Contains(IdentityHost.Manager, whoami.Out, StringComparison.Ordinal);
        Assert.Contains(IdentityHost.Issuer, whoami.Out, StringComparison.Ordinal);
        Assert.Contains(ApiScopes.Approve, whoami.Out, StringComparison.Ordinal);
        Assert.Contains("approve", whoami.Out.Split("Allows")[1], StringComparison.Ordinal);

        var json = (await user.RunAsync("whoami", "--json")).Json;
        Assert.Equal(IdentityHost.Manager, json.GetProperty("email").GetString());
        Assert.True(json.GetProperty("allows").GetProperty("approve").GetBoolean());
        Assert.Contains(json.GetProperty("scopes").EnumerateArray(), s => s.GetString() == ApiScopes.Create);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Login_TokenCache_IsReadableByItsOwnerOnly()
    {
        using var user = await CliUser.LoggedInAsync(fixture, IdentityHost.Employee);

        var tokenFile = Assert.Single(Directory.GetFiles(Path.Combine(user.ConfigDirectory, "tokens"), "*.json", SearchOption.AllDirectories));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(tokenFile)!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(user.ConfigDirectory));
        Assert.Contains("refresh_token", await File.ReadAllTextAsync(tokenFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_RevokesAndForgets_ThenCommandsNeedALogin()
    {
        using var user = await CliUser.LoggedInAsync(fixture, IdentityHost.Employee);
        var refreshToken = TokenCache.Read(user).GetProperty("refresh_token").GetString()!;

        var logout = await user.RunAsync("logout");

        Assert.Equal(0, logout.ExitCode);
        Assert.Empty(Directory.GetFiles(Path.Combine(user.ConfigDirectory, "tokens"), "*.json", SearchOption.AllDirectories));
        using var identity = fixture.Identity.CreateOidcClient();
        var refresh = await identity.RefreshAsync(refreshToken, OidcTestClient.CliClient);
        Assert.Equal("invalid_grant", (await OidcTestClient.ExpectErrorAsync(refresh)).Error);
        var list = await user.RunAsync("list");
        Assert.Equal(3, list.ExitCode);
        Assert.Contains("timesheets login", list.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_WithoutLogin_ExitWithLoginRequired()
    {
        using var user = new CliUser(fixture);

        var list = await user.RunAsync("list");

        Assert.Equal(3, list.ExitCode);
        Assert.Contains("Login required", list.Error, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LoginTestsOnSqlite(SqliteCliFixture fixture) : LoginTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class LoginTestsOnPostgres(PostgresCliFixture fixture) : LoginTests(fixture);
