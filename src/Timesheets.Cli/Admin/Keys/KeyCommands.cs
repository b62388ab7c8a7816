using System.CommandLine;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client.Management;
using Timesheets.Contracts;

namespace Timesheets.Cli.Admin.Keys;

/// <summary><c>admin keys list|rotate|revoke</c>: the keys that sign tokens (the same mechanism as Identity's <c>rotate-keys</c> command).</summary>
internal static class KeyCommands
{
    public static Command Create(CliContext context) => AdminKit.Group("keys", "Token signing keys: list, rotate, revoke.",
        ListCommand(context), RotateCommand(context), RevokeCommand(context));

    private static string State(SigningKeyResponse key) =>
        key.Revoked ? "revoked" : key.Current ? "current" : key.Next ? "next" : key.Previous ? "previous" : "-";

    private static IEnumerable<string?[]> Rows(IEnumerable<SigningKeyResponse> keys) =>
        keys.Select(k => new[] { k.Kid, k.Alg, State(k), AdminTables.YesNo(k.Published), AdminTables.When(k.CurrentSince), AdminTables.When(k.CurrentUntil) });

    private static readonly string[] Columns = ["Kid", "Alg", "State", "Published", "Signs from", "Signs until"];

    private static Command ListCommand(CliContext context) =>
        CommandKit.Create("list", "List the signing keys: current, next, previous and revoked.", "timesheets admin keys list")
            .RunsAdmin(context, async (call, cancellationToken) =>
                call.Show(await call.Api.ListSigningKeysAsync(cancellationToken), ManagementJson.Default.ListSigningKeyResponse,
                    keys => call.Console.Write(AdminTables.List(Columns, Rows(keys)))));

    private static Command RotateCommand(CliContext context)
    {
        var yes = AdminKit.YesOption();
        return CommandKit.Create("rotate", "Rotate: a new key signs new tokens; the old one still verifies the tokens it signed until they expire.",
                "timesheets admin keys rotate --yes")
            .With(yes)
            .RunsAdmin(context, (call, cancellationToken) => call.ConfirmedAsync(yes, "Rotate the signing key?", async () =>
                call.Show(await call.Api.RotateSigningKeyAsync(cancellationToken), ManagementJson.Default.SigningKeyResponse, key =>
                {
                    call.Console.WriteLine($"Rotated: {key.Kid} signs from {AdminTables.When(key.CurrentSince)}.");
                    call.Console.Write(AdminTables.List(Columns, Rows([key])));
                }), cancellationToken));
    }

    private static Command RevokeCommand(CliContext context)
    {
        var kid = new Argument<string>("kid") { Description = "The key's id (kid), from `keys list`." };
        var yes = AdminKit.YesOption();
        return CommandKit.Create("revoke", "Revoke a key (a leak): it no longer signs or verifies, so every token it signed stops working at once.",
                "timesheets admin keys revoke 3f2a… --yes")
            .With(kid, yes)
            .RunsAdmin(context, (call, cancellationToken) =>
                call.ConfirmedAsync(yes, $"Revoke the key {call.Value(kid)}? Every token it signed stops working.", async () =>
                    call.Show(await call.Api.RevokeSigningKeyAsync(call.Value(kid)!, cancellationToken), ManagementJson.Default.SigningKeyResponse,
                        key => call.Console.WriteLine($"Revoked {key.Kid}: tokens it signed are no longer accepted.")), cancellationToken));
    }
}
