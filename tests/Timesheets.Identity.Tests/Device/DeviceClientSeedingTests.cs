using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Tests.Device;

/// <summary>A database seeded before the device grant existed gets it for the CLI at the next start.</summary>
public sealed class DeviceClientSeedingTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Restart_CliRegisteredWithoutTheDeviceGrant_IsGivenItAtStart(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider, "device-seed");
        await using (var before = new IdentityHost(database))
        {
            // The CLI as registered before this release: no device endpoint, no device grant.
            await using var scope = before.Services.CreateAsyncScope();
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var cli = (await applications.FindByClientIdAsync(OidcTestClient.CliClient))!;
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, cli);
            descriptor.Permissions.Remove(Permissions.Endpoints.DeviceAuthorization);
            descriptor.Permissions.Remove(Permissions.GrantTypes.DeviceCode);
            await applications.UpdateAsync(cli, descriptor);
            using var refused = new DeviceSession(before);
            Assert.Equal("unauthorized_client", (await refused.StartAsync()).Error);
        }

        await using var after = new IdentityHost(database);
        using var session = new DeviceSession(after);

        await DeviceSession.ExpectCodeAsync(session.StartAsync());
    }
}
