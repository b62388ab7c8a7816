using Microsoft.Extensions.Options;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Keys;

/// <summary>Where the keys' own key lives and how the key ring turns over (section <c>Keys</c>).</summary>
public sealed class KeySettings
{
    public const string Section = "Keys";

    /// <summary>
    /// A file holding 32 random bytes in base64 (<c>head -c 32 /dev/urandom | base64</c>): the AES-256-GCM key
    /// that seals the signing, token and data-protection keys in the database. Required outside Development,
    /// so a copy of the database alone cannot mint tokens. Keep it out of the database's backups.
    /// </summary>
    public string EncryptionKeyFile { get; set; } = "";

    /// <summary>How often every instance reloads the key ring from the database (at most a minute, so a rotation or revocation reaches all instances within one).</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long <c>rotate-keys</c>' next key is published before it signs: longer than the APIs' JWKS
    /// refresh (the Timesheets API: <c>Auth:KeysRefreshInterval</c>, 1 minute) plus <see cref="ReloadInterval"/>.
    /// </summary>
    public TimeSpan NextKeyDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Added to the longest token lifetime before a retired key leaves the JWKS: the APIs' largest tolerated clock drift.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}

internal sealed class KeySettingsValidator(string environment) : IValidateOptions<KeySettings>
{
    public ValidateOptionsResult Validate(string? name, KeySettings options)
    {
        var errors = new List<string>();
        if (options.EncryptionKeyFile.Length == 0)
        {
            // Development may keep keys in clear (a fresh clone just runs); everywhere else a copy of the database must not be enough.
            if (environment != "Development")
            {
                errors.Add($"{SettingsReader.Env("Keys:EncryptionKeyFile")} must name a key file outside the database (required outside Development); create one with: (umask 077; head -c 32 /dev/urandom | base64 > keys.key)");
            }
        }
        else if (KeyProtector.CheckKeyFile(options.EncryptionKeyFile) is { } problem)
        {
            errors.Add($"{SettingsReader.Env("Keys:EncryptionKeyFile")}: {problem}");
        }

        if (options.ReloadInterval < TimeSpan.FromSeconds(1) || options.ReloadInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{SettingsReader.Env("Keys:ReloadInterval")} must be between 00:00:01 and 00:01:00.");
        }

        if (options.NextKeyDelay < TimeSpan.Zero || options.NextKeyDelay > TimeSpan.FromDays(7))
        {
            errors.Add($"{SettingsReader.Env("Keys:NextKeyDelay")} must be between 00:00:00 and 7.00:00:00.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromHours(1))
        {
            errors.Add($"{SettingsReader.Env("Keys:ClockSkew")} must be between 00:00:00 and 01:00:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
