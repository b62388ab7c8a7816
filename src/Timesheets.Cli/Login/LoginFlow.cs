using Spectre.Console;
using Timesheets.Cli.Shared;

namespace Timesheets.Cli.Login;

/// <summary>A person's login and logout, the same for the user's login and the admin's: only the API (audience) and the profile differ.</summary>
internal static class LoginFlow
{
    public static async Task<int> LoginAsync(Connection connection, LoginProfile profile, bool device, CancellationToken cancellationToken)
    {
        var context = connection.Context;
        var issuer = connection.Endpoints.Issuer;
        var audience = profile.Audience(issuer);
        var outcome = device
            ? await DeviceLogin.RunAsync(connection, audience, cancellationToken)
            : await BrowserLogin.RunAsync(connection, audience, cancellationToken);
        if (outcome.Tokens is not { } tokens)
        {
            await context.Error.WriteLineAsync($"error: login failed: {outcome.Error}");
            return ExitCodes.LoginRequired;
        }

        var user = IdToken.Read(tokens.IdToken);
        var account = user.Subject ?? "user";
        await connection.SaveLoginAsync(profile, account, tokens, cancellationToken);
        context.Console.MarkupLineInterpolated($"[green]Logged in[/] as {user.Name ?? user.Email ?? account} ({user.Email}) at {issuer}");
        return ExitCodes.Ok;
    }

    public static async Task<int> LogoutAsync(Connection connection, LoginProfile profile, CancellationToken cancellationToken)
    {
        var loggedIn = await connection.LogoutAsync(profile, cancellationToken);
        connection.Context.Console.MarkupLine(loggedIn ? "Logged out." : "Not logged in.");
        return ExitCodes.Ok;
    }
}
