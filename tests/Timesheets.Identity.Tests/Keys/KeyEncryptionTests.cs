using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Identity.Data;
using Timesheets.Identity.Keys;

namespace Timesheets.Identity.Tests.Keys;

/// <summary>
/// Keys at rest: whoever reads the database (or a backup of it) must not find a key there that mints
/// tokens or forges sessions. The stored keys are sealed with the key file; the database alone is useless.
/// </summary>
public sealed class KeyEncryptionTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Start_StoresNoKeyMaterialInClear_InTheKeysOrDataProtectionTables(string provider)
    {
        await using var host = new IdentityHost(await TestDatabase.CreateAsync(provider, "sealed"));
        using var client = host.CreateOidcClient();
        await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword); // session cookie and anti-forgery: a data-protection key

        var (keys, dataProtection) = await ReadTablesAsync(host);
        var ring = host.Services.GetRequiredService<KeyRing>();
        Assert.NotEmpty(keys);
        foreach (var stored in keys)
        {
            Assert.StartsWith(KeyProtector.Prefix, stored.Material, StringComparison.Ordinal);
            Assert.DoesNotContain("-----BEGIN", stored.Material, StringComparison.Ordinal);
        }

        // The keys the server signs with (clear in memory only) appear nowhere in the table, nor their PEM body.
        foreach (var key in ring.SigningKeys.Concat(ring.EncryptionKeys).Concat(ring.InternalSigningKeys))
        {
            var body = key.Material.Split('\n').First(line => line.Length > 0 && !line.StartsWith("-----", StringComparison.Ordinal));
            Assert.DoesNotContain(keys, stored => stored.Material.Contains(body, StringComparison.Ordinal));
        }

        Assert.NotEmpty(dataProtection);
        foreach (var xml in dataProtection)
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task CopyOfTheDatabase_WithAnotherKeyFile_DoesNotStart_WithAClearMessage(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider, "stolen");
        await using (var owner = new IdentityHost(database))
        {
            _ = owner.Server;
        }

        await using var thief = new IdentityHost(database, new Dictionary<string, string?> { ["Keys:EncryptionKeyFile"] = TestKeyFile.Create() });
        var error = Record.Exception(() => thief.Server);

        Assert.NotNull(error);
        Assert.Contains("cannot be decrypted with the key file", Messages(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoKeyFile_OutsideDevelopment_StopsTheServerAtStart_NamingTheSetting()
    {
        await using var host = new IdentityHost(TestDatabase.Sqlite("nokeyfile"), new Dictionary<string, string?> { ["Keys:EncryptionKeyFile"] = "" });
        var error = Record.Exception(() => host.Server);

        Assert.NotNull(error);
        Assert.Contains("Keys__EncryptionKeyFile", Messages(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyFileThatIsNotAKey_StopsTheServerAtStart()
    {
        var file = TestKeyFile.Create();
        await File.WriteAllTextAsync(file, "not base64 at all!");
        await using var host = new IdentityHost(TestDatabase.Sqlite("badkeyfile"), new Dictionary<string, string?> { ["Keys:EncryptionKeyFile"] = file });
        var error = Record.Exception(() => host.Server);

        Assert.NotNull(error);
        Assert.Contains("32 random bytes", Messages(error), StringComparison.Ordinal);
    }

    /// <summary>
    /// An upgrade: a database whose keys an older version stored in clear (played by a Development host
    /// without a key file) is sealed on the first start with a key file, and nothing issued before breaks:
    /// refresh tokens are redeemed, data protected with the old data-protection key is read.
    /// </summary>
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ClearKeysOfAnOlderDatabase_AreSealedOnFirstStart_AndKeepWorking(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider, "upgrade");
        string refreshToken;
        string protectedPayload;
        await using (var before = new IdentityHost(database, new Dictionary<string, string?> { ["Keys:EncryptionKeyFile"] = "" })
            .WithWebHostBuilder(builder => builder.UseEnvironment("Development")))
        {
            var client = new OidcTestClient(before.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }));
            refreshToken = (await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword)).RefreshToken!;
            protectedPayload = before.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("upgrade-test").Protect("still readable");
            var (clearKeys, clearDataProtection) = await ReadTablesAsync(before);
            Assert.Contains(clearKeys, k => k.Material.Contains("-----BEGIN", StringComparison.Ordinal)); // the state this test upgrades from
            Assert.Contains(clearDataProtection, xml => xml.Contains("<masterKey", StringComparison.Ordinal));
        }

        await using var after = new IdentityHost(database);
        using var again = after.CreateOidcClient();
        var (keys, dataProtection) = await ReadTablesAsync(after);
        Assert.All(keys, k => Assert.StartsWith(KeyProtector.Prefix, k.Material, StringComparison.Ordinal));
        Assert.All(dataProtection, xml => Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal));

        await OidcTestClient.ExpectTokensAsync(await again.RefreshAsync(refreshToken));
        Assert.Equal("still readable", after.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("upgrade-test").Unprotect(protectedPayload));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task SqliteDatabaseFile_IsReadableByItsOwnerOnly(bool leftWorldReadableByAnOlderVersion)
    {
        var database = TestDatabase.Sqlite("mode");
        var path = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        if (leftWorldReadableByAnOlderVersion)
        {
            await File.WriteAllBytesAsync(path, []);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        await using var host = new IdentityHost(database);
        using var client = host.CreateOidcClient();
        await client.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);

        foreach (var file in new[] { path, path + "-journal", path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    private static async Task<(List<StoredKey> Keys, List<string> DataProtection)> ReadTablesAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<IdentityEntryPoint> host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDataContext>();
        return (await db.Keys.AsNoTracking().ToListAsync(), await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());
    }

    private static string Messages(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }
}
