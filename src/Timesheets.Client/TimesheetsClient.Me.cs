using System.Globalization;
using Timesheets.Client.Json;
using Timesheets.Contracts;

namespace Timesheets.Client;

public sealed partial class TimesheetsClient
{
    /// <summary>The audit trail (<c>read:audit</c>), newest first; <paramref name="beforeId"/> pages back.</summary>
    public Task<ApiResult<List<AuditEventResponse>>> ListAuditAsync(string? entityType = null, string? entityId = null, long? beforeId = null,
        int? limit = null, CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Get, "audit" + Query(("entity_type", entityType), ("entity_id", entityId),
            ("before_id", beforeId?.ToString(CultureInfo.InvariantCulture)), ("limit", limit?.ToString(CultureInfo.InvariantCulture)))),
            ClientJson.Default.ListAuditEventResponse, cancellationToken);

    /// <summary>Who the token says the caller is, and the scopes it grants.</summary>
    public Task<ApiResult<MeResponse>> GetMeAsync(CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Get, "me"), ClientJson.Default.MeResponse, cancellationToken);
}
