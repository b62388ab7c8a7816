namespace Timesheets.Identity.Management.SigningKeys;

/// <summary>The Management API's <c>/api/v2/…</c> endpoints of this feature (to be built).</summary>
internal static class SigningKeysEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
    }
}
