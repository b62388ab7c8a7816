using System.Security.Cryptography;
using System.Text;

namespace Timesheets.Identity.Keys;

/// <summary>
/// Seals key material with AES-256-GCM under the key file named by <c>Keys:EncryptionKeyFile</c>, so the
/// database (or a backup of it) alone holds no usable key. Each sealed value is bound to its row (kid and
/// use as associated data): a value copied onto another row does not open. Without a key file
/// (Development only) values stay in clear.
/// </summary>
internal sealed class KeyProtector
{
    /// <summary>Marks sealed values, so clear values of older databases are told apart and sealed on start.</summary>
    public const string Prefix = "aesgcm:v1:";

    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[]? _key;

    // Without a key file (Development only): a random secret of this process, for DeriveKey.
    private readonly Lazy<byte[]> _processSecret = new(() => RandomNumberGenerator.GetBytes(32));

    private KeyProtector(byte[]? key, string source)
    {
        _key = key;
        Source = source;
    }

    public bool Enabled => _key is not null;

    /// <summary>The key file's path, for messages (never its content).</summary>
    public string Source { get; }

    public static KeyProtector Create(KeySettings settings) =>
        settings.EncryptionKeyFile.Length == 0
            ? new KeyProtector(null, "")
            : new KeyProtector(Load(settings.EncryptionKeyFile), settings.EncryptionKeyFile);

    /// <summary>What is wrong with the key file, or null when it holds a usable key (for start-up validation).</summary>
    public static string? CheckKeyFile(string path)
    {
        try
        {
            Load(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// A 32-byte secret for <paramref name="purpose"/>, derived from the key file (HKDF-SHA256), so it is
    /// held outside the database like the key file itself. Without a key file (Development only), a
    /// random secret of this process: what it protects is forgotten at restart.
    /// </summary>
    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key ?? _processSecret.Value, 32, info: Encoding.UTF8.GetBytes(purpose));

    public static bool IsSealed(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    public string Protect(string clear, string context) =>
        _key is null ? clear : Prefix + Convert.ToBase64String(Seal(Encoding.UTF8.GetBytes(clear), context));

    /// <summary>Opens a sealed value; a clear one (older database, or Development) is returned as it is.</summary>
    public string Unprotect(string stored, string context)
    {
        if (!IsSealed(stored))
        {
            return stored;
        }

        if (_key is null)
        {
            throw new KeyFileException("The keys in the database are encrypted, but no Keys:EncryptionKeyFile (environment variable Keys__EncryptionKeyFile) is set: name the key file they were encrypted with.");
        }

        return Encoding.UTF8.GetString(Open(Convert.FromBase64String(stored[Prefix.Length..]), context));
    }

    /// <summary>nonce ‖ ciphertext ‖ tag.</summary>
    public byte[] Seal(byte[] plaintext, string context)
    {
        var key = _key ?? throw new InvalidOperationException("No key file is configured.");
        var sealedValue = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = sealedValue.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(NonceSize, plaintext.Length), sealedValue.AsSpan(NonceSize + plaintext.Length), Encoding.UTF8.GetBytes(context));
        return sealedValue;
    }

    public byte[] Open(byte[] sealedValue, string context)
    {
        var key = _key ?? throw new InvalidOperationException("No key file is configured.");
        if (sealedValue.Length < NonceSize + TagSize)
        {
            throw new KeyFileException("A sealed key in the database is truncated.");
        }

        var plaintext = new byte[sealedValue.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(sealedValue.AsSpan(0, NonceSize), sealedValue.AsSpan(NonceSize, plaintext.Length), sealedValue.AsSpan(NonceSize + plaintext.Length), plaintext, Encoding.UTF8.GetBytes(context));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new KeyFileException($"The keys in the database cannot be decrypted with the key file {Source}: it is not the file they were encrypted with (or the database was altered).");
        }

        return plaintext;
    }

    private static byte[] Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new IOException($"the key file '{path}' does not exist.");
        }

        var text = File.ReadAllText(path).Trim();
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"the key file '{path}' must hold 32 random bytes in base64 (head -c 32 /dev/urandom | base64).");
        }

        return key.Length == 32
            ? key
            : throw new FormatException($"the key file '{path}' holds {key.Length} bytes; it must hold 32 (head -c 32 /dev/urandom | base64).");
    }
}

/// <summary>The database's keys and the configured key file do not go together: the server must not start.</summary>
internal sealed class KeyFileException(string message) : InvalidOperationException(message);
