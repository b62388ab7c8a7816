using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Timesheets.App.Host;

internal static class AppSettingsEndpoint
{
    /// <summary>
    /// The app reads <c>appsettings.json</c> at start (Blazor WebAssembly does); answered from this
    /// host's settings, so one published app works with whatever URLs the deployment gives it.
    /// </summary>
    public static void MapAppSettings(this WebApplication app) =>
        app.MapGet("/appsettings.json", (IOptions<AppHostSettings> options, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-cache";
            var settings = options.Value;
            return Results.Text(new JsonObject
            {
                ["Identity"] = new JsonObject { ["Authority"] = settings.IdentityUrl },
                ["Api"] = new JsonObject { ["BaseUrl"] = settings.ApiUrl },
            }.ToJsonString(), "application/json");
        });
}
