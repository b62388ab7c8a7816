using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Timesheets.Api.Configuration;
using Timesheets.Api.Data;
using Timesheets.Api.Errors;
using Timesheets.Api.Features.People;
using Timesheets.Api.Features.Projects;
using Timesheets.Api.Features.Timesheets;
using Timesheets.Api.Security;
using Timesheets.ServiceDefaults;

namespace Timesheets.Api.Features.Upload;

/// <summary><c>POST /timesheets/upload</c> (<c>batch:upload</c>): every row stored, or none.</summary>
internal static class UploadEndpoints
{
    public static IEndpointRouteBuilder MapUpload(this IEndpointRouteBuilder app)
    {
        app.MapPost("/timesheets/upload", UploadAsync).WithTags("Batch upload").RequireAuthorization(ApiScopes.BatchUpload)
            .Accepts<EntryUploadRow[]>("application/json", "text/csv")
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(503)
            .WithSummary("Upload entries for any user: one JSON object, a JSON array, or CSV (user_id,date,project,hours,notes,external_id)")
            .WithDescription("The body may be at most Limits:MaxUploadBytes (16 MiB by default; more is 413). Each CSV record may be at most "
                + $"{UploadRowLimits.MaxRowLength} characters and each JSON row at most {UploadRowLimits.MaxRowLength} bytes: a longer one is refused "
                + "with 400 naming its line or row as soon as it passes the bound. Every row is stored, or none. With People:Enabled, each user_id "
                + "must be the email of a user of the issuer who is not blocked: when that is all that is wrong, the answer is 422 naming each such row; "
                + "when the issuer cannot be asked, 503 with Retry-After.");
        return app;
    }

    [LargeBody]
    internal static async Task<Results<Ok<UploadResult>, ProblemHttpResult>> UploadAsync(
        HttpRequest request, [FromServices] Caller caller, ApiDataContext db, ProjectCatalog projects, PeopleLookup people, NewestPageCache pages,
        IOptions<EntrySettings> settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var mediaType = (request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        IAsyncEnumerable<UploadRow> rows;
        switch (mediaType)
        {
            case "application/json":
                rows = UploadRowReader.ReadJsonAsync(request, cancellationToken);
                break;
            case "text/csv":
                rows = UploadRowReader.ReadCsvAsync(request, cancellationToken);
                break;
            default:
                return TypedResults.Problem(statusCode: 415, title: "Unsupported media type", detail: "Send application/json (an object or an array) or text/csv.");
        }

        var batch = new UploadBatch(db, projects, people, caller, settings.Value, clock.GetUtcNow().UtcDateTime);
        await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
        try
        {
            var result = await batch.RunAsync(rows, cancellationToken);
            if (batch.Errors.Count > 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                // Well-formed rows that only name people the issuer does not know (or has blocked): 422, the request was understood.
                return TypedResults.Problem(statusCode: batch.PeopleErrorCount == batch.ErrorCount ? 422 : 400, title: "Nothing was stored",
                    detail: $"{batch.ErrorCount} problem(s) in the upload; fix them and send it again. No row was stored.",
                    extensions: new Dictionary<string, object?> { ["errors"] = batch.Errors, ["error_count"] = batch.ErrorCount });
            }

            await transaction.CommitAsync(cancellationToken);
            // The rows bypass the change tracker that tells the page cache about other writes.
            if (result.Created > 0)
            {
                pages.ChangedAll();
            }

            return TypedResults.Ok(result);
        }
        catch (PeopleUnavailableException)
        {
            await transaction.RollbackAsync(cancellationToken);
            return PeopleProblems.Unavailable(request.HttpContext, batch.Received);
        }
        catch (DecoderFallbackException)
        {
            await transaction.RollbackAsync(cancellationToken);
            return TypedResults.Problem(statusCode: 400, title: "Nothing was stored",
                detail: $"The CSV body is not valid UTF-8 (after {batch.Received} row(s)): {RequestText.InvalidUnicode}");
        }
        catch (FormatException ex)
        {
            await transaction.RollbackAsync(cancellationToken);
            return TypedResults.Problem(statusCode: 400, title: "Nothing was stored", detail: ex.Message);
        }
        catch (JsonException ex)
        {
            await transaction.RollbackAsync(cancellationToken);
            return TypedResults.Problem(statusCode: 400, title: "Nothing was stored",
                detail: $"The JSON body is invalid at {ex.Path ?? "$"} (line {ex.LineNumber + 1}) after {batch.Received} row(s).");
        }
        catch (Exception ex) when (ex is DbUpdateException or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A parallel upload stored one of the same external ids first; a re-run skips it.
            await transaction.RollbackAsync(cancellationToken);
            return TypedResults.Problem(new ProblemDetails { Status = 409, Title = "Nothing was stored", Detail = "Another upload stored some of these rows at the same time; send it again." });
        }
    }
}

