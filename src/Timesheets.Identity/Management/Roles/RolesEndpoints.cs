namespace Timesheets.Identity.Management.Roles;

/// <summary>The Management API's <c>/api/v2/…</c> endpoints of this feature (to be built).</summary>
internal static class RolesEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
    }
}
