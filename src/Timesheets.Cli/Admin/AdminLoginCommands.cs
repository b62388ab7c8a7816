using System.CommandLine;
using Spectre.Console;
using Timesheets.Cli.Login;
using Timesheets.Cli.Shared;
using Timesheets.Client.Auth;
using Timesheets.Client.Management;

namespace Timesheets.Cli.Admin;

/// <summary><c>admin login</c> and <c>admin logout</c>: the admin's own login, for the Management API.</summary>
internal static class AdminLoginCommands
{
    public static IEnumerable<Command> Create(CliContext context) => [LoginCommand(context), LogoutCommand(context)];

    private static Command LoginCommand(CliContext context)
    {
        var device = new Option<bool>("--device") { Description = "Log in on another device with a code (for machines without a browser)." };
        var clientId = new Option<string?>("--client-id") { Description = $"Log in as a machine client instead (else ${AdminSession.ClientIdVariable}); its secret from --secret-file or ${AdminSession.SecretVariable}." };
        var secretFile = Secrets.FileOption("the machine client's", AdminSession.SecretVariable);
        var command = CommandKit.Create("login",
            "Log in for administration (the Management API), through your browser; kept apart from `timesheets login`.",
            "timesheets admin login", "timesheets admin login --device",
            $"{AdminSession.SecretVariable}=... timesheets admin login --client-id ops-scripts");
        command.With(device, clientId, secretFile);
        command.SetHandler(context, async (parse, cancellationToken) =>
        {
            var connection = await Connection.OpenAsync(context, cancellationToken);
            if ((parse.GetValue(clientId) ?? context.Env(AdminSession.ClientIdVariable)) is not { } machine)
            {
                return await LoginFlow.LoginAsync(connection, LoginProfile.Admin, parse.GetValue(device), cancellationToken);
            }

            var secret = await Secrets.ReadAsync(context, parse.GetValue(secretFile), AdminSession.SecretVariable, cancellationToken);
            if (secret is null)
            {
                return Output.Usage(context, $"the machine client's secret is needed: set {AdminSession.SecretVariable} or pass --secret-file PATH.");
            }

            return await MachineLoginAsync(connection, machine, secret, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// A machine client's token, kept like a person's. A machine has no refresh token: a later command
    /// renews it only with the secret in <see cref="AdminSession.SecretVariable"/>, else it lasts its lifetime.
    /// </summary>
    private static async Task<int> MachineLoginAsync(Connection connection, string clientId, string secret, CancellationToken cancellationToken)
    {
        var context = connection.Context;
        var outcome = await connection.Identity(clientId, secret)
            .ClientCredentialsAsync(ManagementClient.AudienceFor(connection.Endpoints.Issuer), scope: null, cancellationToken);
        if (outcome.Tokens is not { } tokens)
        {
            await context.Error.WriteLineAsync($"error: login failed: {outcome.Error}");
            return outcome.Status == RefreshStatus.Unreachable ? ExitCodes.Unreachable : ExitCodes.LoginRequired;
        }

        await connection.SaveLoginAsync(LoginProfile.Admin, AdminSession.MachineAccountPrefix + clientId, tokens, cancellationToken);
        context.Console.MarkupLineInterpolated($"[green]Logged in[/] as the machine client {clientId} at {connection.Endpoints.Issuer}, until {tokens.ExpiresAt.ToLocalTime():HH:mm}.");
        context.Console.MarkupLineInterpolated($"With {AdminSession.SecretVariable} set, later commands renew it; a script can set {AdminSession.ClientIdVariable} too and store nothing.");
        return ExitCodes.Ok;
    }

    private static Command LogoutCommand(CliContext context)
    {
        var command = CommandKit.Create("logout", "End the admin login: revoked at the identity server, its tokens deleted (`timesheets login` stays).",
            "timesheets admin logout");
        command.SetHandler(context, async (_, cancellationToken) =>
            await LoginFlow.LogoutAsync(await Connection.OpenAsync(context, cancellationToken), LoginProfile.Admin, cancellationToken));
        return command;
    }
}
