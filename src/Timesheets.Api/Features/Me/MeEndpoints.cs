using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Timesheets.Api.Security;

namespace Timesheets.Api.Features.Me;

internal static class MeEndpoints
{
    public static IEndpointRouteBuilder MapMe(this IEndpointRouteBuilder app)
    {
        app.MapGet("/me", Get).WithTags("Me").RequireAuthorization().WithSummary("The caller as the token describes them");
        return app;
    }

    internal static Ok<MeResponse> Get([FromServices] Caller caller) =>
        TypedResults.Ok(new MeResponse(caller.Sub, caller.Email, caller.ClientId, caller.Scopes.Order(StringComparer.Ordinal).ToList()));
}
