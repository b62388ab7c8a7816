using System.CommandLine;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Contracts;

namespace Timesheets.Cli.Admin.Apps;

/// <summary><c>admin apps create|update</c>: an application's settings, and the permissions of one API it may ask for.</summary>
internal static class AppChangeCommands
{
    /// <summary>The types as typed on the command line: <c>machine</c> is Auth0's <c>non_interactive</c>.</summary>
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["native"] = AppTypes.Native, ["spa"] = AppTypes.Spa, ["machine"] = AppTypes.NonInteractive, [AppTypes.NonInteractive] = AppTypes.NonInteractive,
    };

    /// <summary>The options both commands take.</summary>
    private sealed record Settings(Option<string[]> Callbacks, Option<string[]> LogoutUrls, Option<string[]> GrantTypes, Option<string?> Api, Option<string[]> Permissions)
    {
        public static Settings Create() => new(
            Many("--callback", "A redirect URI after login (repeat for several)."),
            Many("--logout-url", "A redirect URI after logout (repeat for several)."),
            Many("--grant-type", "An allowed grant: authorization_code, refresh_token, client_credentials, urn:ietf:params:oauth:grant-type:device_code."),
            new Option<string?>("--api") { Description = "An API (identifier) this app may ask tokens for, with --permission." },
            Many("--permission", "A permission of --api the app may get (a machine client gets them all)."));

        public Symbol[] All => [Callbacks, LogoutUrls, GrantTypes, Api, Permissions];

        /// <summary>Null when the option was not given: the server keeps (or defaults) that setting.</summary>
        public static IReadOnlyList<string>? List(AdminCall call, Option<string[]> option) => call.Value(option) is { Length: > 0 } values ? values : null;

        private static Option<string[]> Many(string name, string description) => new(name) { Description = description, AllowMultipleArgumentsPerToken = true };
    }

    public static Command CreateCommand(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The application's name, shown on the consent page." };
        var type = new Option<string>("--type") { Description = "native, spa, or machine (client credentials, with a secret).", Required = true }
            .AcceptOnlyFromAmong([.. Types.Keys]);
        var settings = Settings.Create();
        return CommandKit.Create("create", "Register an application; a machine client's secret is printed once.",
                "timesheets admin apps create \"Invoicing\" --type machine --api https://api.exampleco.com/timesheets --permission read:timesheets",
                "timesheets admin apps create \"Kiosk\" --type spa --callback https://kiosk.exampleco.com/callback")
            .With([name, type, .. settings.All])
            .RunsAdmin(context, async (call, cancellationToken) =>
            {
                var created = await call.Api.CreateClientAsync(new ClientCreateRequest
                {
                    Name = call.Value(name), AppType = Types[call.Value(type)!], Callbacks = Settings.List(call, settings.Callbacks),
                    AllowedLogoutUrls = Settings.List(call, settings.LogoutUrls), GrantTypes = Settings.List(call, settings.GrantTypes),
                }, cancellationToken);
                if (created.Value is not { } app)
                {
                    return call.Fail(created.Problem!);
                }

                return await FinishAsync(call, app, settings, $"Created the application {app.Name} (client id {app.ClientId}).", cancellationToken);
            });
    }

    public static Command UpdateCommand(CliContext context)
    {
        var app = AppCommands.AppArgument();
        var name = new Option<string?>("--name") { Description = "A new name." };
        var settings = Settings.Create();
        return CommandKit.Create("update", "Change an application: each option given replaces that setting (a list replaces the whole list).",
                "timesheets admin apps update kiosk --callback https://kiosk.exampleco.com/callback --callback https://kiosk2.exampleco.com/callback",
                "timesheets admin apps update invoicing --api https://api.exampleco.com/timesheets --permission read:timesheets --permission read:audit")
            .With([app, name, .. settings.All])
            .RunsAdmin(context, async (call, cancellationToken) =>
            {
                var change = new ClientUpdateRequest
                {
                    Name = call.Value(name), Callbacks = Settings.List(call, settings.Callbacks),
                    AllowedLogoutUrls = Settings.List(call, settings.LogoutUrls), GrantTypes = Settings.List(call, settings.GrantTypes),
                };
                var updated = change == new ClientUpdateRequest()
                    ? await call.Api.GetClientAsync(call.Value(app)!, cancellationToken)
                    : await call.Api.UpdateClientAsync(call.Value(app)!, change, cancellationToken);
                if (updated.Value is not { } changed)
                {
                    return call.Fail(updated.Problem!);
                }

                return await FinishAsync(call, changed, settings, $"Updated the application {changed.Name}.", cancellationToken);
            });
    }

    /// <summary>Sets the app's permissions on <c>--api</c> when given, then shows the app (and a new secret, once).</summary>
    private static async Task<int> FinishAsync(AdminCall call, ClientResponse app, Settings settings, string done, CancellationToken cancellationToken)
    {
        if (call.Value(settings.Api) is { } audience)
        {
            var granted = await call.Api.SetClientGrantAsync(app.ClientId, audience, call.Value(settings.Permissions) ?? [], cancellationToken);
            if (granted.Problem is { } problem)
            {
                call.Console.WriteLine(done);
                AppCommands.PrintSecret(call, app);
                return call.Fail(problem);
            }
        }

        var grants = await call.Api.ListClientGrantsAsync(app.ClientId, cancellationToken: cancellationToken);
        if (grants.Value is not { } list)
        {
            return call.Fail(grants.Problem!);
        }

        return call.Show(new AppDetails(app, list), AdminJson.Default.AppDetails, details =>
        {
            call.Console.WriteLine(done);
            AppCommands.Print(call, details);
            AppCommands.PrintSecret(call, app);
        });
    }
}
