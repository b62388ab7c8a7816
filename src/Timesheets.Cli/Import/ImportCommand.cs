using System.CommandLine;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client.Auth;
using Timesheets.Contracts;

namespace Timesheets.Cli.Import;

/// <summary>
/// <c>import FILE.csv</c>: entries for any user through the <c>timesheets-import</c> machine client,
/// checked whole first, then sent in batches; every row carries an external id, so a re-run after
/// an interruption skips the rows already stored and stores none twice.
/// </summary>
internal static class ImportCommand
{
    public const string ImportClient = "timesheets-import";
    public const string SecretVariable = "TIMESHEETS_CLIENT_SECRET";

    /// <summary>Problems listed one per line; the count says how many more there are.</summary>
    private const int ListedErrors = 50;

    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV with the columns user_id,date,project,hours[,notes][,external_id]." };
        var secretFile = Secrets.FileOption("the import client's", SecretVariable);
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per upload.", DefaultValueFactory = _ => 5000 };
        var json = CommandKit.JsonOption();
        var command = CommandKit.Create("import", "Import entries for any user from a CSV file, in batches with progress; safe to run again after an interruption.",
            $"{SecretVariable}=... timesheets import hours.csv", "timesheets import hours.csv --secret-file /run/secrets/timesheets-import");
        command.With(file, secretFile, batchSize, json);
        command.SetHandler(context, async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var secret = await Secrets.ReadAsync(context, parse.GetValue(secretFile), SecretVariable, cancellationToken);
            if (secret is null)
            {
                return Output.Usage(context, $"the import client's secret is needed: set {SecretVariable} or pass --secret-file PATH.");
            }

            if (!path.Exists || parse.GetValue(batchSize) is < 1 or > 50_000)
            {
                return Output.Usage(context, path.Exists ? "--batch-size is between 1 and 50000." : $"{path.FullName} does not exist.");
            }

            var importFile = new ImportFile(path.FullName);
            ImportCheck check;
            try
            {
                check = await ImportCheck.RunAsync(importFile, context.Today, cancellationToken);
            }
            catch (FormatException ex)
            {
                await context.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Refused;
            }

            if (check.Errors.Count > 0)
            {
                return Refused(context, parse.GetValue(json), new ImportSummary(check.Rows, 0, 0, check.ErrorCount, check.Errors), "Nothing was sent.");
            }

            var connection = await Connection.OpenAsync(context, cancellationToken);
            var session = await new MachineRefresher(connection.Identity(ImportClient, secret), ApiScopes.Audience, ApiScopes.BatchUpload)
                .StartAsync(context.Clock, cancellationToken);
            if (session.Value is not { } machine)
            {
                return Output.Fail(context, session.Problem!);
            }

            var sender = new ImportSender(connection.Api(machine), parse.GetValue(batchSize));
            ImportSummary summary;
            try
            {
                summary = await new ImportProgress(context, check.Rows).RunAsync(parse.GetValue(json), report => sender.RunAsync(importFile, report, cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await context.Error.WriteLineAsync("Run the same import again to finish: the rows already stored are skipped.");
                throw;
            }

            if (sender.Problem is { RowErrors.Count: 0 } problem)
            {
                return Output.Fail(context, problem);
            }

            if (summary.Errors.Count > 0)
            {
                return Refused(context, parse.GetValue(json), summary, "The batch holding them was not stored; the batches before it were. Fix the rows and run the import again.");
            }

            if (parse.GetValue(json))
            {
                Output.Json(context, summary, CliJson.Default.ImportSummary);
            }
            else
            {
                context.Console.MarkupLineInterpolated($"[green]Done:[/] {summary.Rows:N0} rows, {summary.Created:N0} stored, {summary.Skipped:N0} already there (skipped).");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Refused(CliContext context, bool json, ImportSummary summary, string consequence)
    {
        if (json)
        {
            Output.Json(context, summary, CliJson.Default.ImportSummary);
        }

        foreach (var error in summary.Errors.Take(ListedErrors))
        {
            context.Error.WriteLine($"line {error.Line}: {error.Field}: {error.Message}");
        }

        context.Error.WriteLine($"error: {summary.Refused} row(s) refused. {consequence}");
        return ExitCodes.Refused;
    }
}
