using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Timesheets.Identity.Tests.Infrastructure;

/// <summary>
/// A mail server on 127.0.0.1 for a test: enough SMTP (RFC 5321) for MailKit without TLS or authentication
/// (220, EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT); every message it accepts is kept, with its
/// envelope, for the test to read. <see cref="Port"/> is free at start; dispose stops it.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public LoopbackSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    /// <summary>A port nothing listens on (a mail server that is down): taken from the system, then released.</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// The first mail to <paramref name="recipient"/> with <paramref name="subject"/>; waits up to 10 s for it (the
    /// server answers the admin once the mail went out, so it is normally there already).
    /// </summary>
    public async Task<ReceivedMail> MailToAsync(string recipient, string subject)
    {
        for (var waited = 0; waited < 100; waited++)
        {
            if (Received.FirstOrDefault(m => m.Recipients.Contains(recipient, StringComparer.OrdinalIgnoreCase) && m.Subject == subject) is { } mail)
            {
                return mail;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No mail \"{subject}\" reached the SMTP listener for {recipient}.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ConverseAsync(client));
        }
    }

    private async Task ConverseAsync(TcpClient client)
    {
        using var connection = client;
        var stream = connection.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost test SMTP");
        string? from = null;
        var recipients = new List<string>();
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                case "HELO":
                    await writer.WriteLineAsync("250 localhost");
                    break;
                case "MAIL":
                    from = Address(line);
                    recipients.Clear();
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    recipients.Add(Address(line));
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                    {
                        // Dot-stuffing (RFC 5321 §4.5.2): a leading dot was doubled by the sender.
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    }

                    Received.Enqueue(new ReceivedMail(from ?? "", [.. recipients], data.ToString()));
                    await writer.WriteLineAsync("250 OK: queued");
                    break;
                case "RSET":
                case "NOOP":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 Command not implemented");
                    break;
            }
        }
    }

    /// <summary>The address in <c>MAIL FROM:&lt;a@b&gt; …</c> or <c>RCPT TO:&lt;a@b&gt;</c>.</summary>
    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}

/// <summary>A message as the listener got it: the envelope, and the message itself as MIME.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> Recipients, string Data)
{
    /// <summary>The plain-text body, decoded (MailKit may send long lines quoted-printable).</summary>
    public string TextBody => Message().TextBody ?? "";

    public string Subject => Message().Subject ?? "";

    private MimeMessage Message()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Data));
        return MimeMessage.Load(stream);
    }
}
