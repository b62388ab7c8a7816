using System.CommandLine;
using Spectre.Console;
using Timesheets.Cli.Shared;

namespace Timesheets.Cli.Config;

/// <summary><c>config set issuer|api URL</c> and <c>config show</c>.</summary>
internal static class ConfigCommands
{
    public static Command Create(CliContext context)
    {
        var config = CommandKit.Create("config", "Show or set where the identity server and the API are.", "timesheets config show", "timesheets config set api https://api.exampleco.com/");
        config.Add(SetCommand(context));
        config.Add(ShowCommand(context));
        return config;
    }

    private static Command SetCommand(CliContext context)
    {
        var key = new Argument<string>("key") { Description = "issuer or api" }.AcceptOnlyFromAmong("issuer", "api");
        var value = new Argument<string>("url") { Description = "An absolute http(s) URL." };
        var command = CommandKit.Create("set", "Remember the identity server (issuer) or the API URL; TIMESHEETS_ISSUER / TIMESHEETS_API still win for one run.",
            "timesheets config set issuer https://id.exampleco.com/");
        command.With(key, value);
        command.SetHandler(context, async (parse, cancellationToken) =>
        {
            if (Endpoints.Parse(parse.GetValue(value)) is not { } url)
            {
                return Output.Usage(context, $"'{parse.GetValue(value)}' is not an absolute http(s) URL.");
            }

            var store = ConfigStore.For(context);
            await store.UpdateAsync(c => parse.GetValue(key) == "issuer" ? c with { Issuer = url.ToString() } : c with { Api = url.ToString() }, cancellationToken);
            context.Console.MarkupLineInterpolated($"{parse.GetValue(key)} = {url}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ShowCommand(CliContext context)
    {
        var json = CommandKit.JsonOption();
        var command = CommandKit.Create("show", "Show the URLs in use, where each comes from, and the config folder.", "timesheets config show");
        command.Add(json);
        command.SetHandler(context, async (parse, cancellationToken) =>
        {
            var connection = await Connection.OpenAsync(context, cancellationToken);
            var endpoints = connection.Endpoints;
            if (parse.GetValue(json))
            {
                Output.Json(context, connection.Config with { Issuer = endpoints.Issuer.ToString(), Api = endpoints.Api.ToString() }, CliJson.Default.CliConfig);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Setting", "Value", "From");
            table.AddRow("issuer", Markup.Escape(endpoints.Issuer.ToString()), endpoints.IssuerSource);
            table.AddRow("api", Markup.Escape(endpoints.Api.ToString()), endpoints.ApiSource);
            table.AddRow("last project", Markup.Escape(connection.Config.LastProject ?? "-"), "config");
            table.AddRow("folder", Markup.Escape(connection.Store.Directory), "");
            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
