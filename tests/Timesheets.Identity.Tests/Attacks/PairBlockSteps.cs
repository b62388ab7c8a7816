using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Tests.Attacks;

/// <summary>What the pair-block tests do at the login form, and the security events they read back.</summary>
internal static class PairBlockSteps
{
    public const string Refused = "Wrong email or password, or the account is temporarily locked";
    public static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.7");
    public static readonly IPAddress RealUser = IPAddress.Parse("198.51.100.20");

    public static async Task<string> CreateUserAsync(IdentityHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"pair-{Guid.NewGuid():N}@exampleco.com";
        Assert.True((await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, DisplayName = "Pair Test" }, IdentityHost.DemoPassword)).Succeeded);
        return email;
    }

    public static async Task FailAsync(OidcTestClient client, string email, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var response = await client.PostLoginAsync("/account/login", email, "wrong-password-" + i);
            Assert.Contains(Refused, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>The right password from a blocked pair: refused like a wrong one.</summary>
    public static async Task AssertRefusedAsync(OidcTestClient client, string email)
    {
        var response = await client.PostLoginAsync("/account/login", email, IdentityHost.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Refused, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static IEnumerable<LogCapture.LogLine> SecurityEvents(IdentityHost host, int eventId) =>
        host.Logs.Lines.Where(l => l.EventId == eventId && l.Category.StartsWith("Timesheets.Identity.Security", StringComparison.Ordinal));

    /// <summary>The "pair blocked for …" events, in order.</summary>
    public static List<string> Blocks(IdentityHost host) => [.. SecurityEvents(host, 1006).Select(l => l.Message)];
}
