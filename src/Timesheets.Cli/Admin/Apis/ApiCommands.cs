using System.CommandLine;
using Spectre.Console;
using System.Globalization;
using Timesheets.Cli.Shared;
using Timesheets.Client.Management;
using Timesheets.Contracts;

namespace Timesheets.Cli.Admin.Apis;

/// <summary><c>admin apis list|show|create|update|delete</c>: the APIs tokens are issued for, their permissions and token lifetimes.</summary>
internal static class ApiCommands
{
    public static Command Create(CliContext context) => AdminKit.Group("apis", "APIs: identifier (audience), permissions, token lifetime, refresh tokens.",
        ListCommand(context), ShowCommand(context), CreateCommand(context), UpdateCommand(context), DeleteCommand(context));

    private static Argument<string> ApiArgument() => new("api") { Description = "The API's identifier (its audience), id or name." };

    /// <summary>A permission as typed: <c>read:invoices</c> or <c>read:invoices=Read invoices</c>.</summary>
    private static Option<string[]> PermissionOption(string description) =>
        new("--permission") { Description = description, AllowMultipleArgumentsPerToken = true };

    private static List<ResourceServerScope>? Permissions(AdminCall call, Option<string[]> option) =>
        call.Value(option) is { Length: > 0 } given
            ? [.. given.Select(p => p.Split('=', 2) is [var value, var description] ? new ResourceServerScope { Value = value, Description = description } : new ResourceServerScope { Value = p })]
            : null;

    private static Command ListCommand(CliContext context) =>
        CommandKit.Create("list", "List the APIs.", "timesheets admin apis list")
            .RunsAdmin(context, async (call, cancellationToken) =>
                call.Show(await call.Api.ListResourceServersAsync(cancellationToken), ManagementJson.Default.ListResourceServerResponse, apis =>
                    call.Console.Write(AdminTables.List(["Identifier", "Name", "Permissions", "Token lifetime", "Refresh tokens", "System"],
                        apis.Select(a => new[]
                        {
                            a.Identifier, a.Name, a.Scopes.Count.ToString(CultureInfo.InvariantCulture), $"{a.TokenLifetime} s",
                            AdminTables.YesNo(a.AllowOfflineAccess), AdminTables.YesNo(a.IsSystem),
                        })))));

    private static Command ShowCommand(CliContext context)
    {
        var api = ApiArgument();
        return CommandKit.Create("show", "Show an API and its permissions.", "timesheets admin apis show https://api.exampleco.com/timesheets")
            .With(api)
            .RunsAdmin(context, async (call, cancellationToken) =>
                call.Show(await call.Api.FindResourceServerAsync(call.Value(api)!, cancellationToken), ManagementJson.Default.ResourceServerResponse, shown => Print(call, shown)));
    }

    private static void Print(AdminCall call, ResourceServerResponse api)
    {
        call.Console.Write(AdminTables.Fields(("Identifier", api.Identifier), ("Name", api.Name), ("Id", api.Id),
            ("Token lifetime", $"{api.TokenLifetime} s"), ("Refresh tokens", AdminTables.YesNo(api.AllowOfflineAccess)), ("System", AdminTables.YesNo(api.IsSystem))));
        call.Console.Write(AdminTables.List(["Permission", "Description"], api.Scopes.Select(s => new[] { s.Value, s.Description })));
    }

    private static Command CreateCommand(CliContext context)
    {
        var identifier = new Argument<string>("identifier") { Description = "The API's identifier: an absolute URI, the audience of its tokens (it never changes)." };
        var name = new Option<string>("--name") { Description = "A name for people.", Required = true };
        var lifetime = new Option<int?>("--token-lifetime") { Description = "Lifetime of its access tokens, in seconds." };
        var offline = new Option<bool>("--allow-refresh") { Description = "Issue refresh tokens with its tokens (offline_access)." };
        var permissions = PermissionOption("A permission, as name or name=description (repeat for several).");
        return CommandKit.Create("create", "Register an API.",
                "timesheets admin apis create https://api.exampleco.com/invoices --name Invoices --permission \"read:invoices=Read invoices\"")
            .With(identifier, name, lifetime, offline, permissions)
            .RunsAdmin(context, async (call, cancellationToken) =>
                call.Show(await call.Api.CreateResourceServerAsync(new ResourceServerCreateRequest
                {
                    Identifier = call.Value(identifier), Name = call.Value(name), TokenLifetime = call.Value(lifetime),
                    AllowOfflineAccess = call.Value(offline), Scopes = Permissions(call, permissions),
                }, cancellationToken), ManagementJson.Default.ResourceServerResponse, created =>
                {
                    call.Console.WriteLine($"Created the API {created.Name} ({created.Identifier}).");
                    Print(call, created);
                }));
    }

    private static Command UpdateCommand(CliContext context)
    {
        var api = ApiArgument();
        var name = new Option<string?>("--name") { Description = "A new name." };
        var lifetime = new Option<int?>("--token-lifetime") { Description = "Lifetime of its access tokens, in seconds." };
        var offline = new Option<bool?>("--allow-refresh") { Description = "true or false: issue refresh tokens with its tokens." };
        var permissions = PermissionOption("The API's permissions, replacing the whole list (name or name=description; repeat).");
        return CommandKit.Create("update", "Change an API: each option given replaces that setting.",
                "timesheets admin apis update https://api.exampleco.com/invoices --token-lifetime 900 --allow-refresh false")
            .With(api, name, lifetime, offline, permissions)
            .RunsAdmin(context, (call, cancellationToken) => call.WithAsync(call.Api.FindResourceServerAsync(call.Value(api)!, cancellationToken), async target =>
                call.Show(await call.Api.UpdateResourceServerAsync(target.Id, new ResourceServerUpdateRequest
                {
                    Name = call.Value(name), TokenLifetime = call.Value(lifetime), AllowOfflineAccess = call.Value(offline), Scopes = Permissions(call, permissions),
                }, cancellationToken), ManagementJson.Default.ResourceServerResponse, updated =>
                {
                    call.Console.WriteLine($"Updated the API {updated.Name}.");
                    Print(call, updated);
                })));
    }

    private static Command DeleteCommand(CliContext context)
    {
        var api = ApiArgument();
        var yes = AdminKit.YesOption();
        return CommandKit.Create("delete", "Delete an API: no more tokens for it (the system APIs cannot be deleted).", "timesheets admin apis delete https://api.exampleco.com/invoices --yes")
            .With(api, yes)
            .RunsAdmin(context, (call, cancellationToken) => call.WithAsync(call.Api.FindResourceServerAsync(call.Value(api)!, cancellationToken), target =>
                call.ConfirmedAsync(yes, $"Delete the API {target.Identifier}?", async () =>
                    call.Done(await call.Api.DeleteResourceServerAsync(target.Id, cancellationToken), $"Deleted the API {target.Identifier}."), cancellationToken)));
    }
}
