using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Timesheets.Api.OpenApi;

/// <summary>Marks each protected operation with the bearer scheme, the scope it needs and its 401/403 answers.</summary>
internal sealed class ScopeOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            return Task.CompletedTask;
        }

        var scopes = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Where(ApiScopes.All.Contains).Distinct().ToList();
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(OpenApiExtensions.BearerScheme, context.Document)] = scopes,
        });
        if (scopes.Count > 0)
        {
            operation.Description = $"Requires scope: `{string.Join("`, `", scopes)}`. {operation.Description}";
        }

        operation.Responses ??= [];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Missing or invalid token (WWW-Authenticate: Bearer error=\"invalid_token\"), problem+json." });
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = "Token lacks the scope (error=\"insufficient_scope\"), or its verified email belongs to another account, problem+json." });
        return Task.CompletedTask;
    }
}
