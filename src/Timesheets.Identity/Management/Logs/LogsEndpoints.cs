namespace Timesheets.Identity.Management.Logs;

/// <summary>The Management API's <c>/api/v2/…</c> endpoints of this feature (to be built).</summary>
internal static class LogsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
    }
}
