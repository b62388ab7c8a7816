using System.Globalization;
using Timesheets.Contracts;

namespace Timesheets.Client.Management;

public sealed partial class ManagementClient
{
    /// <summary>A page of the security and administration log, newest first, with the total.</summary>
    public Task<ApiResult<LogPage>> ListLogsAsync(LogQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new LogQuery();
        return GetAsync("logs" + HttpCalls.Query(("q", query.Search), ("type", query.Type), ("user_id", query.UserId), ("from", Instant(query.From)), ("to", Instant(query.To)),
            ("page", Number(query.Paging.Page)), ("per_page", Number(query.Paging.PerPage)), ("include_totals", "true")),
            ManagementJson.Default.LogPage, cancellationToken);
    }

    public Task<ApiResult<LogResponse>> GetLogAsync(string logId, CancellationToken cancellationToken = default) =>
        GetAsync($"logs/{Segment(logId)}", ManagementJson.Default.LogResponse, cancellationToken);

    private static string? Instant(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
