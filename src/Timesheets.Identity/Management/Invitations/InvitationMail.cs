using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Timesheets.Identity.Management.Invitations;

/// <summary>
/// Sends set-password links by e-mail when <see cref="SmtpSettings.Host"/> is set. The link is in the
/// message body only: the log says that a mail went to whom, never the link.
/// </summary>
internal sealed partial class InvitationMail(IOptions<SmtpSettings> settings, ILogger<InvitationMail> logger)
{
    public bool Enabled => settings.Value.Enabled;

    /// <summary>Sends the link; false (logged) when the server could not be reached or refused the mail.</summary>
    public async Task<bool> SendAsync(string to, string name, string link, bool invitation, CancellationToken cancellationToken)
    {
        var smtp = settings.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(new MailboxAddress(name, to));
        message.Subject = invitation ? "You are invited to Timesheets" : "Set a new Timesheets password";
        message.Body = new TextPart("plain")
        {
            Text = (invitation
                ? $"Hello {name},\n\nYou have been given a Timesheets account. Choose your password here:\n\n"
                : $"Hello {name},\n\nAn administrator has sent you a link to set a new Timesheets password:\n\n")
                + link + "\n\nThe link works once. If you did not expect this e-mail, ignore it.\n",
        };

        try
        {
            using var client = new SmtpClient();
            var security = !smtp.UseTls ? SecureSocketOptions.None : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
            if (smtp.User.Length > 0)
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            LogSent(logger, smtp.Host);
            return true;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.CommandException or MailKit.ProtocolException
            or AuthenticationException or SslHandshakeException)
        {
            LogFailed(logger, smtp.Host, e.GetType().Name, e.Message);
            return false;
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Set-password e-mail handed to {Host}")]
    private static partial void LogSent(ILogger logger, string host);

    [LoggerMessage(2, LogLevel.Warning, "Set-password e-mail not sent through {Host}: {Kind}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string host, string kind, string reason);
}
