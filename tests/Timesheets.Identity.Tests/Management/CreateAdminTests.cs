using Timesheets.Identity.Seeding;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Management;

/// <summary><c>create-admin EMAIL</c>, called in process: an admin and a set-password link that leads to a working login.</summary>
public abstract class CreateAdminTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task CreateAdmin_NewEmail_PrintsLinkThatMakesAWorkingAdmin()
    {
        var email = $"operator-{Guid.NewGuid():N}@exampleco.com";
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(0, await CreateAdmin.RunAsync(Host.Services, email, output, error, CancellationToken.None));
        var link = output.ToString().Split('\n').Single(l => l.StartsWith("http", StringComparison.Ordinal)).Trim();
        Assert.StartsWith(IdentityHost.Issuer + "account/set-password?", link, StringComparison.Ordinal);

        using var browser = Host.CreateOidcClient();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await ManagementSession.SetPasswordAsync(browser, link, "Operator-password-2026")).StatusCode);
        using var admin = await ManagementSession.ClientAsync(Host, email, "Operator-password-2026");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync("/api/v2/users")).StatusCode);

        // Again for the same e-mail: still one user, a fresh link.
        Assert.Equal(0, await CreateAdmin.RunAsync(Host.Services, email.ToUpperInvariant(), new StringWriter(), error, CancellationToken.None));
        Assert.Single(await (await admin.GetAsync($"/api/v2/users-by-email?email={Uri.EscapeDataString(email)}")).ReadAsync<List<ManagementUser>>());
    }

    [Fact]
    public async Task CreateAdmin_NoOrBadEmail_ExitsWithUsage()
    {
        var error = new StringWriter();
        Assert.Equal(1, await CreateAdmin.RunAsync(Host.Services, null, new StringWriter(), error, CancellationToken.None));
        Assert.Equal(1, await CreateAdmin.RunAsync(Host.Services, "not-an-email", new StringWriter(), error, CancellationToken.None));
        Assert.Contains(CreateAdmin.Usage, error.ToString(), StringComparison.Ordinal);
    }
}
