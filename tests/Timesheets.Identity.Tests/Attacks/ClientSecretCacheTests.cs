using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;
using Timesheets.Identity.Oidc;

namespace Timesheets.Identity.Tests.Attacks;

public sealed class ClientSecretCacheTests
{
    [Fact]
    public async Task SecretCheck_AfterTheRightSecretWasCached_WrongSecretsAreStillRefused()
    {
        await using var host = new IdentityHost(TestDatabase.Sqlite("secrets"));
        using var client = host.CreateOidcClient();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            Assert.IsType<SecretCachingApplicationManager>(
                scope.ServiceProvider.GetRequiredService<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>>());
        }

        for (var i = 0; i < 3; i++)
        {
            await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync());
        }

        foreach (var guess in new[] { IdentityHost.ImportSecret + "x", IdentityHost.ImportSecret[..^1], IdentityHost.ImportSecret.ToUpperInvariant() })
        {
            var error = await OidcTestClient.ExpectErrorAsync(await client.ClientCredentialsAsync(secret: guess));
            Assert.Equal("invalid_client", error.Error);
        }
    }

    [Fact]
    public async Task SecretCheck_AfterTheSecretIsChanged_TheOldSecretIsRefused()
    {
        var database = TestDatabase.Sqlite("secret-change");
        await using (var before = new IdentityHost(database))
        {
            using var client = before.CreateOidcClient();
            await OidcTestClient.ExpectTokensAsync(await client.ClientCredentialsAsync());
        }

        const string newSecret = "a-brand-new-import-secret-0987654321";
        await using var after = new IdentityHost(database, new Dictionary<string, string?> { ["Clients:ImportSecret"] = newSecret });
        using var again = after.CreateOidcClient();

        Assert.Equal("invalid_client", (await OidcTestClient.ExpectErrorAsync(await again.ClientCredentialsAsync())).Error);
        await OidcTestClient.ExpectTokensAsync(await again.ClientCredentialsAsync(secret: newSecret));
    }
}
