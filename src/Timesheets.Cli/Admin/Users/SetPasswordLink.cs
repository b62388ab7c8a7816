using Spectre.Console;

namespace Timesheets.Cli.Admin.Users;

/// <summary>A set-password link (invitation or reset): it works once, so it is printed for the admin to hand over, and nowhere else.</summary>
internal static class SetPasswordLink
{
    public static void Print(AdminCall call, string? url, string why)
    {
        if (url is null)
        {
            call.Console.MarkupLine("The set-password link was mailed to them.");
            return;
        }

        call.Console.MarkupLineInterpolated($"{why} (it works once):");
        // Raw, not through the console's line wrapping: a wrapped link does not paste.
        call.Context.Out.WriteLine(url);
    }
}
