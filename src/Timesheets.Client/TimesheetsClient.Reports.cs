using Timesheets.Client.Json;
using Timesheets.Contracts;

namespace Timesheets.Client;

public sealed partial class TimesheetsClient
{
    /// <summary>Hours summed by day, week, project or user over a period.</summary>
    public Task<ApiResult<SummaryResponse>> GetSummaryAsync(ReportQuery query, CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Get, "reports/summary" + ReportFilter(query, format: null)), ClientJson.Default.SummaryResponse, cancellationToken);

    /// <summary>The same summary as the server's CSV (a header line, then one line per group).</summary>
    public Task<ApiResult<string>> GetSummaryCsvAsync(ReportQuery query, CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Get, "reports/summary" + ReportFilter(query, format: "csv")),
            (response, token) => response.Content.ReadAsStringAsync(token), cancellationToken);

    private static string ReportFilter(ReportQuery query, string? format)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Query(("group_by", query.GroupBy), ("from", Date(query.From)), ("to", Date(query.To)), ("scope", query.Scope),
            ("status", query.Status), ("format", format));
    }
}
