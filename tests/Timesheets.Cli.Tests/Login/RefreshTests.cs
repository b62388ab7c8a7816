using Microsoft.Extensions.Time.Testing;
using Timesheets.Cli.Tests.Infrastructure;
using Timesheets.Client.Auth;
using Timesheets.Testing;

namespace Timesheets.Cli.Tests.Login;

/// <summary>The fixture's Identity issues 5-second access tokens: every command below outlives the one it started with.</summary>
public abstract class RefreshTests(CliFixture fixture)
{
    [Fact]
    public async Task Commands_PastTheAccessTokensExpiry_RenewWithoutANewLogin()
    {
        using var user = await CliUser.LoggedInAsync(fixture, IdentityHost.Employee);
        var first = TokenCache.Read(user);
        // The CLI's clock an hour on: the cached access token is long expired.
        user.Clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1));

        var log = await user.RunAsync("log", "--hours", "1", "--project", "Internal", "--date", Days.Text(fixture.NextWeek()));
        var list = await user.RunAsync("list");

        Assert.True(log.ExitCode == 0, log.ToString());
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Single(user.Opened); // the browser was opened once, for the login
        var renewed = TokenCache.Read(user);
        Assert.NotEqual(first.GetProperty("access_token").GetString(), renewed.GetProperty("access_token").GetString());
        Assert.NotEqual(first.GetProperty("refresh_token").GetString(), renewed.GetProperty("refresh_token").GetString());
    }

    [Fact]
    public async Task Commands_WithTheRefreshTokenRevoked_SayALoginIsRequired()
    {
        using var user = await CliUser.LoggedInAsync(fixture, IdentityHost.Employee);
        var identity = new IdentityClient(new HttpClient(fixture.Identity.Server.CreateHandler()), new Uri(IdentityHost.Issuer), OidcTestClient.CliClient);
        Assert.Null(await identity.RevokeAsync(TokenCache.Read(user).GetProperty("refresh_token").GetString()!, CancellationToken.None));
        user.Clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(5));

        var list = await user.RunAsync("list");
        var whoami = await user.RunAsync("whoami");

        Assert.Equal(3, list.ExitCode);
        Assert.Contains("Login required", list.Error, StringComparison.Ordinal);
        Assert.Contains("timesheets login", list.Error, StringComparison.Ordinal);
        Assert.Equal(3, whoami.ExitCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RefreshTestsOnSqlite(SqliteCliFixture fixture) : RefreshTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class RefreshTestsOnPostgres(PostgresCliFixture fixture) : RefreshTests(fixture);
