using System.Diagnostics;

namespace Timesheets.Cli.Login;

/// <summary>Opens a URL in the user's browser (xdg-open, open, start); the URL is printed too, so a failure here is harmless.</summary>
public static class SystemBrowser
{
    public static Task OpenAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var start = OperatingSystem.IsWindows() ? new ProcessStartInfo("cmd", ["/c", "start", "", url.AbsoluteUri])
            : OperatingSystem.IsMacOS() ? new ProcessStartInfo("open", [url.AbsoluteUri])
            : new ProcessStartInfo("xdg-open", [url.AbsoluteUri]);
        start.UseShellExecute = false;
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        try
        {
            using var process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No browser opener on this machine (a server): the printed URL is the way in.
        }

        return Task.CompletedTask;
    }
}
