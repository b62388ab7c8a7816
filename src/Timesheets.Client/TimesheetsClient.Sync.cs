using System.Globalization;
using System.Net.Http.Headers;
using Timesheets.Client.Json;
using Timesheets.Contracts;

namespace Timesheets.Client;

public sealed partial class TimesheetsClient
{
    /// <summary>
    /// The caller's entries changed or deleted after <paramref name="since"/> (null: from the start).
    /// Pass the page's <see cref="ChangesPage.Cursor"/> back as <paramref name="since"/>; more follow while <see cref="ChangesPage.HasMore"/>.
    /// </summary>
    public Task<ApiResult<ChangesPage>> GetChangesAsync(string? since = null, int? limit = null, CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Get, "timesheets/changes" + Query(("since", since), ("limit", limit?.ToString(CultureInfo.InvariantCulture)))),
            ClientJson.Default.ChangesPage, cancellationToken);

    /// <summary>
    /// Uploads CSV (<c>user_id,date,project,hours,notes,external_id</c>) for any user (<c>batch:upload</c>):
    /// every row is stored, or none, and the problem lists the refused rows by number (1-based, header not counted). Rows whose
    /// <c>external_id</c> is already stored are skipped, so a re-sent part stores nothing twice.
    /// </summary>
    /// <remarks>The stream is sent as it is read; it is not sent again after a 401 (call again instead).</remarks>
    public Task<ApiResult<UploadResult>> UploadCsvAsync(Stream csv, CancellationToken cancellationToken = default)
    {
        var content = new StreamContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        return SendAsync(Request(HttpMethod.Post, "timesheets/upload", content), ClientJson.Default.UploadResult, cancellationToken);
    }

    /// <summary>Uploads rows as a JSON array; the same all-or-nothing rule as <see cref="UploadCsvAsync"/>.</summary>
    public Task<ApiResult<UploadResult>> UploadRowsAsync(IReadOnlyList<EntryUploadRow> rows, CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Post, "timesheets/upload", Json(rows.ToList(), ClientJson.Default.ListEntryUploadRow)), ClientJson.Default.UploadResult, cancellationToken);
}
