using System.Net.Mail;
using Microsoft.Extensions.Options;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Management.Invitations;

/// <summary>How long set-password links live (section <c>Invitations</c>).</summary>
public sealed class InvitationSettings
{
    public const string Section = "Invitations";

    /// <summary>An invitation's link (new user, <c>create-admin</c>): a week, time to find the e-mail.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A password reset link for an existing user (Auth0's password-change ticket).</summary>
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// The SMTP server that sends invitations (section <c>Smtp</c>). No <see cref="Host"/>: no e-mail is
/// sent and the admin gets the link to hand over instead.
/// </summary>
public sealed class SmtpSettings
{
    public const string Section = "Smtp";

    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>The sender address, e.g. <c>timesheets@exampleco.com</c>.</summary>
    public string From { get; set; } = "";

    /// <summary>Empty: no authentication (a relay on the local network).</summary>
    public string User { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>STARTTLS (or TLS on connect on port 465); off only for a relay on the same host.</summary>
    public bool UseTls { get; set; } = true;

    public bool Enabled => Host.Length > 0;
}

internal sealed class InvitationSettingsValidator : IValidateOptions<InvitationSettings>
{
    public ValidateOptionsResult Validate(string? name, InvitationSettings options)
    {
        var errors = new List<string>();
        // A second at least (the tests' expiring link); a month at most: past it a link is a standing credential.
        if (options.Lifetime < TimeSpan.FromSeconds(1) || options.Lifetime > TimeSpan.FromDays(30))
        {
            errors.Add($"{SettingsReader.Env("Invitations:Lifetime")} must be between 00:00:01 and 30.00:00:00 (got {options.Lifetime}).");
        }

        if (options.PasswordResetLifetime < TimeSpan.FromSeconds(1) || options.PasswordResetLifetime > TimeSpan.FromDays(7))
        {
            errors.Add($"{SettingsReader.Env("Invitations:PasswordResetLifetime")} must be between 00:00:01 and 7.00:00:00 (got {options.PasswordResetLifetime}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class SmtpSettingsValidator : IValidateOptions<SmtpSettings>
{
    public ValidateOptionsResult Validate(string? name, SmtpSettings options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (Uri.CheckHostName(options.Host) == UriHostNameType.Unknown)
        {
            errors.Add($"{SettingsReader.Env("Smtp:Host")} must be a host name or address (got '{options.Host}').");
        }

        if (options.Port is < 1 or > 65535)
        {
            errors.Add($"{SettingsReader.Env("Smtp:Port")} must be between 1 and 65535 (got {options.Port}).");
        }

        if (!MailAddress.TryCreate(options.From, out _))
        {
            errors.Add($"{SettingsReader.Env("Smtp:From")} must be an e-mail address when Smtp:Host is set (got '{options.From}').");
        }

        if (options.User.Length > 0 && options.Password.Length == 0)
        {
            errors.Add($"{SettingsReader.Env("Smtp:Password")} is required when Smtp:User is set.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
