namespace Timesheets.Identity.Management.Users;

/// <summary>The Management API's <c>/api/v2/…</c> endpoints of this feature (to be built).</summary>
internal static class UsersEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
    }
}
