using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Timesheets.ServiceDefaults;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Timesheets.Identity.Oidc;

/// <summary>
/// Every parameter of every protocol request (form body or query string, names and values) must be
/// text the server can store and compare: <see cref="RequestText"/>, as for JSON bodies. A NUL reaches
/// PostgreSQL as a lookup key (<c>client_id=%00</c>, <c>code=%00</c>) and fails there with a 500; a
/// control character in a <c>state</c> would be echoed back to the client. Refused as
/// <c>invalid_request</c> once the request is extracted, before anything is validated or looked up.
/// </summary>
internal static class ReadableParameters
{
    public static IEnumerable<OpenIddictServerHandlerDescriptor> Descriptors { get; } =
    [
        For<ExtractAuthorizationRequestContext>(), For<ExtractTokenRequestContext>(), For<ExtractRevocationRequestContext>(),
        For<ExtractEndSessionRequestContext>(), For<ExtractUserInfoRequestContext>(),
    ];

    private static OpenIddictServerHandlerDescriptor For<TContext>() where TContext : BaseValidatingContext =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
            .UseInlineHandler(context =>
            {
                if (context.Transaction.Request is { } request && Unreadable(request) is { } problem)
                {
                    context.Reject(Errors.InvalidRequest, problem);
                }

                return default;
            })
            .SetOrder(HandlerOrder.CheckExtractedRequest)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    private static string? Unreadable(OpenIddictRequest request)
    {
        foreach (var (name, parameter) in request.GetParameters())
        {
            if (RequestText.Problem(name) is { } nameProblem)
            {
                return $"A parameter name is not readable: {nameProblem}";
            }

            // A form or query parameter is a string, or an array of them when it was repeated.
            var problem = ((StringValues?)parameter ?? StringValues.Empty).Select(t => t is null ? null : RequestText.Problem(t)).FirstOrDefault(p => p is not null);
            if (problem is not null)
            {
                return $"The '{name}' parameter is not readable: {problem}";
            }
        }

        return null;
    }
}
