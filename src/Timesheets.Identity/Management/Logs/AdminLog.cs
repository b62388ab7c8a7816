using System.Security.Claims;
using System.Text.Json;
using Timesheets.Identity.Data;
using Timesheets.ServiceDefaults;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Management.Logs;

/// <summary>
/// Records an administrative change in the log, in the same unit of work as the change: the entry is
/// added to the context and saved by the caller's <c>SaveChangesAsync</c>, so a change is never
/// stored without its log entry, nor the entry without the change. The actor is the caller of the
/// request: the user behind a Management API token or an admin page session, or a machine client.
/// Never pass secrets in <c>before</c>/<c>after</c>: they are stored and shown to admins.
/// </summary>
internal sealed class AdminLog(IdentityDataContext db, IHttpContextAccessor accessor, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <param name="description">What happened, for a person: "Blocked user ann@exampleco.com".</param>
    /// <param name="targetType"><c>user</c>, <c>role</c>, <c>client</c>, <c>resource_server</c>, <c>signing_key</c>.</param>
    public LogEvent Record(string description, string targetType, string targetId, object? before, object? after)
    {
        var http = accessor.HttpContext;
        var user = http?.User;
        var entry = new LogEvent
        {
            At = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            Type = http is not null && ManagementApi.IsManagementPath(http.Request.Path) ? LogTypes.ManagementApiChange : LogTypes.AdminPageChange,
            Description = description.Length > 1000 ? description[..1000] : description,
            ActorId = user?.FindFirstValue(Claims.Subject),
            ActorName = user?.FindFirstValue(Claims.Email) ?? user?.FindFirstValue(Configuration.ApiResource.EmailClaim) ?? user?.FindFirstValue(Claims.Name),
            ClientId = user?.FindFirstValue(Claims.ClientId) ?? user?.FindFirstValue(Claims.AuthorizedParty),
            Ip = http is null ? null : ClientAddress.Key(http),
            TargetType = targetType,
            TargetId = targetId,
            Before = before is null ? null : JsonSerializer.Serialize(before, before.GetType(), Json),
            After = after is null ? null : JsonSerializer.Serialize(after, after.GetType(), Json),
        };
        db.Add(entry);
        return entry;
    }
}
