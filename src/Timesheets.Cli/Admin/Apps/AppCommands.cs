using System.CommandLine;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client.Management;
using Timesheets.Contracts;

namespace Timesheets.Cli.Admin.Apps;

/// <summary><c>admin apps list|show|create|update|delete|rotate-secret</c>: the applications that may ask for tokens.</summary>
internal static class AppCommands
{
    public static Command Create(CliContext context) => AdminKit.Group("apps", "Applications: native, single-page and machine clients, their redirects, grants and secrets.",
        ListCommand(context), ShowCommand(context), AppChangeCommands.CreateCommand(context), AppChangeCommands.UpdateCommand(context),
        DeleteCommand(context), RotateSecretCommand(context));

    public static Argument<string> AppArgument() => new("app") { Description = "The application's client id." };

    private static Command ListCommand(CliContext context) =>
        CommandKit.Create("list", "List the applications.", "timesheets admin apps list")
            .RunsAdmin(context, async (call, cancellationToken) =>
                call.Show(await call.Api.ListClientsAsync(cancellationToken), ManagementJson.Default.ListClientResponse, apps =>
                    call.Console.Write(AdminTables.List(["Client id", "Name", "Type", "Grant types", "System"],
                        apps.Select(a => new[] { a.ClientId, a.Name, a.AppType, AdminTables.Joined(a.GrantTypes), AdminTables.YesNo(a.IsSystem) })))));

    private static Command ShowCommand(CliContext context)
    {
        var app = AppArgument();
        return CommandKit.Create("show", "Show an application: redirects, grant types and the API permissions it may ask for.", "timesheets admin apps show timesheets-cli")
            .With(app)
            .RunsAdmin(context, (call, cancellationToken) => call.WithAsync(call.Api.GetClientAsync(call.Value(app)!, cancellationToken), shown =>
                call.WithAsync(call.Api.ListClientGrantsAsync(shown.ClientId, cancellationToken: cancellationToken), grants =>
                    Task.FromResult(call.Show(new AppDetails(shown, grants), AdminJson.Default.AppDetails, details => Print(call, details))))));
    }

    public static void Print(AdminCall call, AppDetails details)
    {
        var app = details.App;
        call.Console.Write(AdminTables.Fields(("Name", app.Name), ("Client id", app.ClientId), ("Type", app.AppType),
            ("Callbacks", AdminTables.Joined(app.Callbacks)), ("Logout URLs", AdminTables.Joined(app.AllowedLogoutUrls)),
            ("Grant types", AdminTables.Joined(app.GrantTypes)), ("System", AdminTables.YesNo(app.IsSystem))));
        call.Console.Write(AdminTables.List(["API", "Permissions"], details.Grants.Select(g => new[] { g.Audience, AdminTables.Joined(g.Scope) })));
    }

    private static Command DeleteCommand(CliContext context)
    {
        var app = AppArgument();
        var yes = AdminKit.YesOption();
        return CommandKit.Create("delete", "Delete an application: it can no longer ask for tokens.", "timesheets admin apps delete invoicing --yes")
            .With(app, yes)
            .RunsAdmin(context, (call, cancellationToken) => call.ConfirmedAsync(yes, $"Delete the application {call.Value(app)}?", async () =>
                call.Done(await call.Api.DeleteClientAsync(call.Value(app)!, cancellationToken), $"Deleted the application {call.Value(app)}."), cancellationToken));
    }

    private static Command RotateSecretCommand(CliContext context)
    {
        var app = AppArgument();
        var yes = AdminKit.YesOption();
        return CommandKit.Create("rotate-secret", "Give a machine client a new secret; the old one stops working at once.", "timesheets admin apps rotate-secret invoicing --yes")
            .With(app, yes)
            .RunsAdmin(context, (call, cancellationToken) =>
                call.ConfirmedAsync(yes, $"Rotate the secret of {call.Value(app)}? Whatever uses the old one stops working.", async () =>
                    call.Show(await call.Api.RotateClientSecretAsync(call.Value(app)!, cancellationToken), ManagementJson.Default.ClientResponse,
                        rotated => PrintSecret(call, rotated)), cancellationToken));
    }

    /// <summary>A secret the server shows once (created or rotated): printed raw, with the warning that it will not be shown again.</summary>
    public static void PrintSecret(AdminCall call, ClientResponse app)
    {
        if (app.ClientSecret is not { } secret)
        {
            return;
        }

        call.Console.MarkupLineInterpolated($"[yellow]The secret of {app.ClientId}, shown this once: store it now (a secret store, not a script); it cannot be shown again.[/]");
        call.Context.Out.WriteLine(secret);
    }
}
