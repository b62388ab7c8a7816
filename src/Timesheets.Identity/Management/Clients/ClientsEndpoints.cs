namespace Timesheets.Identity.Management.Clients;

/// <summary>The Management API's <c>/api/v2/…</c> endpoints of this feature (to be built).</summary>
internal static class ClientsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
    }
}
