namespace Timesheets.Identity.Management.ResourceServers;

/// <summary>The Management API's <c>/api/v2/…</c> endpoints of this feature (to be built).</summary>
internal static class ResourceServersEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
    }
}
