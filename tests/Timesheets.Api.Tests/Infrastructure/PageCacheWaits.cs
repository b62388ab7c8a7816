using Microsoft.Extensions.DependencyInjection;
using Timesheets.Api.Features.Timesheets;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Infrastructure;

public static class PageCacheWaits
{
    /// <summary>
    /// Waits (up to 10 s) until the host's page cache serves: at once on SQLite, on PostgreSQL once its
    /// listener hears the other instances. A test of the cache that ran without it would prove nothing.
    /// </summary>
    public static async Task WaitForPageCacheAsync(this ApiHost host)
    {
        var pages = host.Services.GetRequiredService<NewestPageCache>();
        for (var i = 0; i < 100 && !pages.Available; i++)
        {
            await Task.Delay(100);
        }

        Assert.True(pages.Available, "The page cache never turned on.");
    }
}
