using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Timesheets.Identity.Tests.Infrastructure;

/// <summary>
/// An Identity server of its own whose clock the test moves (a FakeTimeProvider): both this server's code
/// and OpenIddict read it, so lifetimes of minutes or days are checked without waiting.
/// </summary>
public sealed class ClockedIdentityHost(TestDatabase database, TimeProvider clock, IReadOnlyDictionary<string, string?>? overrides = null)
    : IdentityHost(database, overrides)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }
}
