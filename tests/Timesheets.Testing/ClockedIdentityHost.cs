using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Timesheets.Testing;

/// <summary>
/// The Identity server on a clock the test moves: this server's code, OpenIddict and the session
/// cookie's issue time all read <paramref name="clock"/>, so hours or seconds pass without waiting.
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
