using System.CommandLine;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client;
using Timesheets.Client.Auth;
using Timesheets.Client.Rules;

namespace Timesheets.Cli.Login;

/// <summary><c>login</c>, <c>logout</c> and <c>whoami</c>.</summary>
internal static class LoginCommands
{
    public static IEnumerable<Command> Create(CliContext context) => [LoginCommand(context), LogoutCommand(context), WhoAmICommand(context)];

    private static Command LoginCommand(CliContext context)
    {
        var device = new Option<bool>("--device") { Description = "Log in on another device with a code (for machines without a browser)." };
        var command = CommandKit.Create("login", "Log in through your browser; the session is kept in your config folder.",
            "timesheets login", "timesheets login --device");
        command.Add(device);
        command.SetHandler(context, async (parse, cancellationToken) =>
        {
            var connection = await Connection.OpenAsync(context, cancellationToken);
            return await LoginFlow.LoginAsync(connection, LoginProfile.User, parse.GetValue(device), cancellationToken);
        });
        return command;
    }

    private static Command LogoutCommand(CliContext context)
    {
        var command = CommandKit.Create("logout", "Log out: the session is revoked at the identity server and its tokens deleted.", "timesheets logout");
        command.SetHandler(context, async (_, cancellationToken) =>
            await LoginFlow.LogoutAsync(await Connection.OpenAsync(context, cancellationToken), LoginProfile.User, cancellationToken));
        return command;
    }

    private static Command WhoAmICommand(CliContext context)
    {
        var json = CommandKit.JsonOption();
        var command = CommandKit.Create("whoami", "Show who is logged in, at which issuer, and what the granted scopes allow.", "timesheets whoami", "timesheets whoami --json");
        command.Add(json);
        command.SetHandler(context, async (parse, cancellationToken) =>
        {
            var connection = await Connection.OpenAsync(context, cancellationToken);
            var session = connection.Session();
            try
            {
                // Renews an expired token first, so a revoked session shows here as one.
                await session.GetAccessTokenAsync(refused: null, cancellationToken);
            }
            catch (LoginRequiredException ex)
            {
                return Output.Fail(context, ApiProblem.LoginRequired(ex.Message));
            }

            var tokens = (await session.CurrentAsync(cancellationToken))!;
            var user = IdToken.Read(tokens.IdToken);
            var grants = Grants.FromScope(tokens.Scope);
            var allows = new Dictionary<string, bool>
            {
                ["read"] = grants.CanRead, ["log"] = grants.CanCreate, ["delete"] = grants.CanDelete, ["approve"] = grants.CanApprove,
                ["import"] = grants.CanUpload, ["manage_projects"] = grants.CanManageProjects, ["read_audit"] = grants.CanReadAudit,
                ["stay_logged_in"] = grants.CanStayLoggedIn,
            };
            if (parse.GetValue(json))
            {
                Output.Json(context, new WhoAmI(connection.Endpoints.Issuer.ToString(), user.Subject, user.Name, user.Email,
                    [.. grants.Scopes.Order(StringComparer.Ordinal)], allows, tokens.ExpiresAt), CliJson.Default.WhoAmI);
                return ExitCodes.Ok;
            }

            var table = new Table().HideHeaders().AddColumns("", "");
            table.AddRow("Name", Markup.Escape(user.Name ?? "-"));
            table.AddRow("Email", Markup.Escape(user.Email ?? "-"));
            table.AddRow("Issuer", Markup.Escape(connection.Endpoints.Issuer.ToString()));
            table.AddRow("Scopes", Markup.Escape(string.Join(' ', grants.Scopes.Order(StringComparer.Ordinal))));
            table.AddRow("Allows", Markup.Escape(string.Join(", ", allows.Where(a => a.Value).Select(a => a.Key.Replace('_', ' ')))));
            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
