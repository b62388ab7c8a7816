using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Api.Data;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Data;

public sealed class SqlitePageCacheTests
{
    /// <summary>
    /// Every connection the API opens on SQLite, pooled or new, caps its page cache at 512 KiB: with 32
    /// concurrent requests the default 2 MiB per pooled connection held ~16 MB (docs/benchmarks.md).
    /// </summary>
    [Fact]
    public async Task EveryOpenedSqliteConnection_HasItsPageCacheCapped()
    {
        await using var identity = new IdentityHost(TestDatabase.Sqlite("pagecache-identity"));
        await using var api = new ApiHost(identity, TestDatabase.Sqlite("pagecache"));
        _ = api.Server;

        for (var i = 0; i < 3; i++)
        {
            await using var scope = api.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApiDataContext>();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA cache_size";
            Assert.Equal(-512L, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
            await db.Database.CloseConnectionAsync();
        }
    }
}
