using System.Security.Cryptography;

namespace Timesheets.Testing;

/// <summary>
/// Key files for <c>Keys:EncryptionKeyFile</c>, the key that seals the Identity's stored keys. Every test host
/// gets the shared one unless a test brings its own (a different file, to play a stolen database copy).
/// </summary>
public static class TestKeyFile
{
    private static readonly Lazy<string> SharedFile = new(Create);

    public static string Shared => SharedFile.Value;

    /// <summary>A new key file (32 random bytes, base64), readable by its owner only, as run.sh makes it.</summary>
    public static string Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), "timesheets-tests");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"keys-{Guid.NewGuid():N}.key");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, options))
        {
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        return path;
    }
}

/// <summary>Waits for something that happens in the background (a key ring reload, a JWKS refresh).</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {seconds} s: {what}.");
            }

            await Task.Delay(200);
        }
    }
}
