using Timesheets.Client.Json;
using Timesheets.Contracts;

namespace Timesheets.Client;

public sealed partial class TimesheetsClient
{
    /// <summary>Other people's entries waiting for a decision (<c>approve:timesheets</c>); pending unless a status is given.</summary>
    public Task<ApiResult<EntryPage>> ListApprovalsAsync(EntryQuery? query = null, CancellationToken cancellationToken = default) =>
        PageAsync(Request(HttpMethod.Get, "approvals" + Filter(query)), cancellationToken);

    /// <summary>Approves an entry; with <paramref name="etag"/> (the version the approver saw), only if it did not change meanwhile.</summary>
    public Task<ApiResult<EntryResponse>> ApproveAsync(long id, string? etag = null, CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Put, $"approvals/{id}", ifMatch: etag), ClientJson.Default.EntryResponse, cancellationToken);

    public Task<ApiResult<EntryResponse>> RejectAsync(long id, string reason, string? etag = null, CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Post, $"approvals/{id}/reject", Json(new RejectRequest { Reason = reason }, ClientJson.Default.RejectRequest), etag),
            ClientJson.Default.EntryResponse, cancellationToken);

    /// <summary>Approves every entry named, or none (one refused id refuses all; the problem says which).</summary>
    public Task<ApiResult<List<EntryResponse>>> ApproveManyAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default) =>
        ReviewManyAsync(new BulkReviewRequest { Action = "approve", Ids = ids }, cancellationToken);

    public Task<ApiResult<List<EntryResponse>>> RejectManyAsync(IReadOnlyList<long> ids, string reason, CancellationToken cancellationToken = default) =>
        ReviewManyAsync(new BulkReviewRequest { Action = "reject", Ids = ids, Reason = reason }, cancellationToken);

    private Task<ApiResult<List<EntryResponse>>> ReviewManyAsync(BulkReviewRequest review, CancellationToken cancellationToken) =>
        SendAsync(Request(HttpMethod.Post, "approvals/bulk", Json(review, ClientJson.Default.BulkReviewRequest)), ClientJson.Default.ListEntryResponse, cancellationToken);
}
