using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Timesheets.Api.OpenApi;

internal static class OpenApiExtensions
{
    public const string BearerScheme = "Bearer";

    /// <summary>The OpenAPI document: every endpoint, its scope, its errors, and the bearer scheme.</summary>
    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Timesheets API";
                document.Info.Description = "Timesheet entries, approvals, projects, batch upload, reports and sync. "
                    + "Every call needs a bearer access token (RS256 JWT) whose aud is https://api.exampleco.com/timesheets.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An access token from the configured OpenID Connect issuer; permissions in `permissions` or `scope`.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer<ScopeOperationTransformer>();
            // Strings are read through RequestStringConverter; a custom converter hides the type from the
            // schema generator, so the document says "string" again (nullable where the property is).
            o.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
                {
                    schema.Type = context.JsonPropertyInfo is { IsSetNullable: true } ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
                }

                return Task.CompletedTask;
            });
        });

    /// <summary><c>/openapi/v1.json</c> and the interactive reference at <c>/scalar</c>.</summary>
    public static WebApplication MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("Timesheets API")).AllowAnonymous();
        app.MapGet("/docs", () => Results.Redirect("/scalar")).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
