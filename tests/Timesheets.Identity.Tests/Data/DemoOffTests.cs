using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Tests.Data;

/// <summary>
/// A database that once ran with demo on must not keep the demo accounts (Admin included, with the
/// shared demo password) once demo is switched off; real users stay.
/// </summary>
public abstract class DemoOffTests(string provider)
{
    [Fact]
    public async Task Restart_WithDemoOff_DeletesTheDemoUsersAndKeepsRealOnes()
    {
        var database = await TestDatabase.CreateAsync(provider, "demooff");
        var real = $"real-{Guid.NewGuid():N}@exampleco.com";
        await using (var demoOn = new IdentityHost(database))
        {
            await using var scope = demoOn.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.CreateAsync(new ApplicationUser { UserName = real, Email = real, DisplayName = "Real Person" }, IdentityHost.DemoPassword)).Succeeded);
            Assert.NotNull(await users.FindByEmailAsync(IdentityHost.Admin));
        }

        await using var demoOff = new IdentityHost(database, new Dictionary<string, string?> { ["Demo:Enabled"] = "false" });
        _ = demoOff.Server;
        await using (var scope = demoOff.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            foreach (var email in new[] { IdentityHost.Employee, IdentityHost.Contractor, IdentityHost.Manager, IdentityHost.Admin })
            {
                Assert.Null(await users.FindByEmailAsync(email));
            }

            Assert.NotNull(await users.FindByEmailAsync(real));
        }

        using var client = demoOff.CreateOidcClient();
        var admin = await client.PostLoginAsync("/account/login", IdentityHost.Admin, IdentityHost.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        var person = await client.PostLoginAsync("/account/login", real, IdentityHost.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, person.StatusCode);
    }
}

public sealed class DemoOffTestsOnSqlite() : DemoOffTests("Sqlite");

public sealed class DemoOffTestsOnPostgres() : DemoOffTests("Postgres");
