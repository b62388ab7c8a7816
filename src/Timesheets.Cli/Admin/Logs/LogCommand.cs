using System.CommandLine;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client.Management;
using Timesheets.Contracts;

namespace Timesheets.Cli.Admin.Logs;

/// <summary><c>admin logs</c>: the security and administration log, filtered and paged, or followed as it grows.</summary>
internal static class LogCommand
{
    /// <summary>How often <c>--follow</c> asks for new events.</summary>
    public static readonly TimeSpan FollowInterval = TimeSpan.FromSeconds(5);

    private static readonly string[] Columns = ["Date", "Type", "Description", "User", "IP", "Target"];

    public static Command Create(CliContext context)
    {
        var type = new Option<string?>("--type") { Description = "Only events of this type: s (login), f (failed login), sapi (Management API change), sadm (admin page change), …" };
        var search = new Option<string?>("--search", "-s") { Description = "Only events whose description or actor contains these words." };
        var user = new Option<string?>("--user") { Description = "Only events of this user (email or id)." };
        var from = CommandKit.DateOption("--from", "From this day");
        var to = CommandKit.DateOption("--to", "To this day, included");
        var page = new Option<int?>("--page") { Description = "The page to show, from 0 (newest first)." };
        var perPage = new Option<int?>("--per-page") { Description = "Events per page." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new events as they happen, until Ctrl+C." };
        return CommandKit.Create("logs", "The log of security events (logins, failures, blocks) and admin changes, with before and after.",
                "timesheets admin logs", "timesheets admin logs --type f --from 2026-12-01", "timesheets admin logs --user ann@exampleco.com --json",
                "timesheets admin logs --type sapi --follow")
            .With(type, user, search, from, to, page, perPage, follow)
            .RunsAdmin(context, async (call, cancellationToken) =>
            {
                string? userId = null;
                if (call.Value(user) is { } named)
                {
                    var found = await call.Api.FindUserAsync(named, cancellationToken);
                    if (found.Value is not { } target)
                    {
                        return call.Fail(found.Problem!);
                    }

                    userId = target.UserId;
                }

                var query = new LogQuery
                {
                    Type = call.Value(type), UserId = userId, Search = call.Value(search), From = StartOf(call.Context, call.Value(from)), To = StartOf(call.Context, call.Value(to)?.AddDays(1)),
                    Paging = new PageQuery { Page = call.Value(page), PerPage = call.Value(perPage) },
                };
                var first = await call.Api.ListLogsAsync(query, cancellationToken);
                var shown = call.Show(first, ManagementJson.Default.LogPage, logs =>
                {
                    call.Console.Write(AdminTables.List(Columns, Rows(logs.Logs)));
                    AdminTables.PageLine(call.Console, logs.Start, logs.Length, logs.Limit, logs.Total, "events");
                });
                return shown != ExitCodes.Ok || !call.Value(follow) ? shown : await FollowAsync(call, query, first.Value!.Logs, cancellationToken);
            });
    }

    /// <summary>Asks for the newest page every few seconds and prints the events not seen yet, oldest first; ends with Ctrl+C.</summary>
    private static async Task<int> FollowAsync(AdminCall call, LogQuery query, IReadOnlyList<LogResponse> seen, CancellationToken cancellationToken)
    {
        var known = seen.Select(l => l.LogId).ToHashSet(StringComparer.Ordinal);
        var newest = query with { Paging = new PageQuery { PerPage = query.Paging.PerPage } };
        while (true)
        {
            await Task.Delay(FollowInterval, call.Context.Clock, cancellationToken);
            var page = await call.Api.ListLogsAsync(newest, cancellationToken);
            if (page.Problem is { } problem)
            {
                return call.Fail(problem);
            }

            var fresh = page.Value!.Logs.Where(l => known.Add(l.LogId)).Reverse().ToList();
            foreach (var log in fresh)
            {
                if (call.Json)
                {
                    Output.Json(call.Context, log, ManagementJson.Default.LogResponse);
                }
                else
                {
                    call.Console.WriteLine(string.Join("  ", Rows([log]).Single().Select(cell => cell ?? "-")));
                }
            }
        }
    }

    private static IEnumerable<string?[]> Rows(IEnumerable<LogResponse> logs) =>
        logs.Select(l => new[] { AdminTables.When(l.Date), l.Type, l.Description, l.UserName ?? l.UserId ?? l.ClientId, l.Ip, Target(l) });

    private static string? Target(LogResponse log) => log.TargetType is null ? null : $"{log.TargetType} {log.TargetId}";

    /// <summary>Midnight at the start of a day, in the local time zone of the person asking.</summary>
    private static DateTimeOffset? StartOf(CliContext context, DateOnly? day)
    {
        if (day is not { } date)
        {
            return null;
        }

        var zone = context.Clock.LocalTimeZone;
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }
}
