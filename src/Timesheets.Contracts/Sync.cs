namespace Timesheets.Contracts;

/// <summary>One changed entry: the entry as it is now, or a tombstone (<c>deleted: true</c>, no entry).</summary>
public sealed record ChangeResponse(long Id, bool Deleted, EntryResponse? Entry);

/// <summary>A page of the changes feed; pass <c>cursor</c> back as <c>since</c> for the next one.</summary>
public sealed record ChangesPage(IReadOnlyList<ChangeResponse> Changes, string Cursor, bool HasMore);
