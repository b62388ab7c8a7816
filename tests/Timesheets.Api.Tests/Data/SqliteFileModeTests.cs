using System.Net;
using Microsoft.Data.Sqlite;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Data;

/// <summary>
/// api.db holds every user's hours and emails: created readable by its owner only (0600), and a file an
/// older version left readable by others is narrowed on start, as Identity's database is.
/// </summary>
public sealed class SqliteFileModeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ApiDatabaseFile_IsReadableByItsOwnerOnly(bool leftWorldReadableByAnOlderVersion)
    {
        await using var identity = new IdentityHost(TestDatabase.Sqlite("mode-identity"));
        var database = TestDatabase.Sqlite("mode-api");
        var path = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        if (leftWorldReadableByAnOlderVersion)
        {
            await File.WriteAllBytesAsync(path, []);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        await using var api = new ApiHost(identity, database);
        using var login = identity.CreateOidcClient();
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await login.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword)).AccessToken);
        await (await client.GetAsync("/timesheets")).AssertStatusAsync(HttpStatusCode.OK); // the user row is written on first sight

        Assert.True(File.Exists(path));
        foreach (var file in new[] { path, path + "-journal", path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }
}
