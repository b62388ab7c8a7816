using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Timesheets.Api.Features.People;

internal static class PeopleProblems
{
    /// <summary>How soon a client may try again after the issuer could not be asked.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    /// <summary>503 with <c>Retry-After</c>: the people named could not be checked, so nothing was stored.</summary>
    public static ProblemHttpResult Unavailable(HttpContext http, int received)
    {
        http.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: 503, title: "Nothing was stored",
            detail: $"The identity server could not be asked whether the people named exist (after {received} row(s)); no row was stored. Send the upload again later.");
    }
}
