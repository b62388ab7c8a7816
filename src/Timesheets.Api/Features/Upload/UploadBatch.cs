using System.Globalization;
using Timesheets.Api.Configuration;
using Timesheets.Api.Data;
using Timesheets.Api.Features.Audit;
using Timesheets.Api.Features.People;
using Timesheets.Api.Features.Projects;
using Timesheets.Api.Features.Timesheets;
using Timesheets.Api.Features.Users;
using Timesheets.Api.Security;

namespace Timesheets.Api.Features.Upload;

/// <summary>
/// Checks and stores an upload in chunks inside the caller's transaction: rows are read, checked
/// and inserted a chunk at a time, and the change tracker is emptied after each, so memory stays
/// flat whatever the row count. The first error stops inserting; checking goes on to report them all.
/// Each chunk's new emails are looked up at the issuer (<see cref="PeopleLookup"/>) once per upload, so a
/// row naming nobody, or a blocked user, is refused like any other bad row.
/// </summary>
internal sealed class UploadBatch(ApiDataContext db, ProjectCatalog catalog, PeopleLookup people, Caller caller, EntrySettings settings, DateTime now)
{
    private const int ChunkSize = 1000;

    // What one upload holds in rows at a time, whatever their length: a chunk is also cut at 1 M characters
    // (2 MB), and the reader runs at most 250 rows ahead. Rows of the longest legal length are 20,000
    // characters (UploadRowLimits); 1,000 of them in a chunk and 1,000 read ahead held 80 MB per upload.
    private const int MaxChunkChars = 1 << 20;
    private const int ReadAheadRows = 250;
    private const int MaxReportedErrors = 1000;

    private readonly Dictionary<string, long?> _projects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _subs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Person?> _people = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Email, DateOnly Date), int> _dayTotals = [];
    private readonly HashSet<string> _externalIds = new(StringComparer.Ordinal);
    private readonly DateOnly _today = DateOnly.FromDateTime(now);
    private readonly UploadStore _store = UploadStore.For(db);
    private long _firstId;
    private long _lastId;

    public List<RowError> Errors { get; } = [];

    public int ErrorCount { get; private set; }

    public int Received { get; private set; }

    /// <summary>How many of the errors are rows naming nobody or a blocked user (the upload's only errors: 422).</summary>
    public int PeopleErrorCount { get; private set; }

    public async Task<UploadResult> RunAsync(IAsyncEnumerable<UploadRow> rows, CancellationToken cancellationToken)
    {
        // Before the first lookup of a sub: a hand-over running now would miss the rows stored unbound.
        await HandOverLock.ForUploadAsync(db, cancellationToken);
        foreach (var p in (await catalog.AllByNameAsync(db, cancellationToken)).Values)
        {
            _projects[p.Name] = p.Archived ? null : p.Id;
        }

        // Entities are only ever added here; scanning thousands of tracked rows for edits made inserts ~10× slower.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var created = 0;
        var skipped = 0;
        var chunk = new List<UploadRow>(ChunkSize);
        var chunkChars = 0;
        await foreach (var row in rows.ReadAheadAsync(ReadAheadRows, cancellationToken))
        {
            Received++;
            chunk.Add(row);
            chunkChars += Chars(row);
            if (chunk.Count == ChunkSize || chunkChars >= MaxChunkChars)
            {
                (created, skipped) = Add(await ProcessAsync(chunk, cancellationToken), (created, skipped));
                chunk.Clear();
                chunkChars = 0;
            }
        }

        (created, skipped) = Add(await ProcessAsync(chunk, cancellationToken), (created, skipped));
        if (Received == 0)
        {
            Report(0, "$", "The upload has no rows.");
        }

        if (ErrorCount == 0)
        {
            db.Audit(caller, now, AuditActions.Upload, "upload", _firstId, null, new { received = Received, created, skipped, first_id = _firstId, last_id = _lastId });
            await db.SaveChangesAsync(cancellationToken);
        }

        return new UploadResult(Received, created, skipped);
    }

    private static int Chars(UploadRow row) =>
        (row.UserId?.Length ?? 0) + (row.Date?.Length ?? 0) + (row.Project?.Length ?? 0) + (row.Hours?.Length ?? 0) + (row.Notes?.Length ?? 0) + (row.ExternalId?.Length ?? 0);

    private static (int, int) Add((int Created, int Skipped) a, (int Created, int Skipped) b) => (a.Created + b.Created, a.Skipped + b.Skipped);

    private async Task<(int Created, int Skipped)> ProcessAsync(List<UploadRow> chunk, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return (0, 0);
        }

        // Rows whose external_id is already stored (or earlier in this upload) are skipped, so a re-run is safe.
        var ids = chunk.Select(r => r.ExternalId).OfType<string>().Distinct().ToList();
        var stored = ids.Count == 0 ? [] : await _store.StoredExternalIdsAsync(ids, cancellationToken);
        var drafts = new List<(UploadRow Row, EntryDraft Draft, string Email)>();
        var skipped = 0;
        foreach (var row in chunk)
        {
            if (row.ExternalId is { } externalId && (stored.Contains(externalId) || !_externalIds.Add(externalId)))
            {
                skipped++;
                continue;
            }

            if (Check(row) is { } checkedRow)
            {
                drafts.Add(checkedRow);
            }
        }

        await CheckPeopleAsync(drafts, cancellationToken);
        await LoadDayTotalsAsync(drafts, cancellationToken);
        await LoadSubsAsync(drafts, cancellationToken);
        var entries = new List<TimesheetEntry>();
        foreach (var (row, draft, email) in drafts)
        {
            var key = (email, draft.Date!.Value);
            var total = _dayTotals[key] + EntryShape.ToCentihours(draft.Hours!.Value);
            _dayTotals[key] = total;
            if (total > EntryLimits.MaxCentihoursPerDay)
            {
                Report(row.Row, "hours", $"{email} would have {total / 100m} hours on {draft.Date:yyyy-MM-dd}; a day has at most {EntryLimits.MaxHoursPerDay}.");
                continue;
            }

            entries.Add(new TimesheetEntry
            {
                OwnerSub = _subs[email],
                OwnerEmail = email,
                Date = draft.Date!.Value,
                ProjectId = _projects[draft.Project!.Trim()]!.Value,
                Centihours = EntryShape.ToCentihours(draft.Hours!.Value),
                Notes = draft.Notes,
                Status = EntryStatus.Pending,
                Source = EntrySource.Batch,
                ExternalId = row.ExternalId,
                CreatedAt = now,
                UpdatedAt = now,
                Version = 1,
            });
        }

        if (ErrorCount > 0)
        {
            return (0, skipped);
        }

        if (entries.Count > 0)
        {
            var (first, last) = await _store.InsertAsync(entries, now, cancellationToken);
            _firstId = _firstId == 0 ? first : _firstId;
            _lastId = last;
        }

        // Every row of this chunk is now stored in the upload's transaction (or was skipped as stored),
        // where the next chunk's lookup of stored external ids finds it: the set only has to span one
        // chunk, so memory stays flat. After an error nothing is stored any more, and the set keeps
        // growing so that duplicates are still reported exactly.
        _externalIds.Clear();
        return (entries.Count, skipped);
    }

    private (UploadRow, EntryDraft, string)? Check(UploadRow row)
    {
        var before = ErrorCount;
        foreach (var (field, message) in row.Errors)
        {
            Report(row.Row, field, message);
        }

        var email = row.UserId?.Trim().ToLowerInvariant();
        if ((string.IsNullOrEmpty(email) || email.Length > TimesheetEntryConfiguration.EmailLength || email.IndexOf('@', StringComparison.Ordinal) < 1)
            && !row.Errors.Any(e => e.Field == "user_id"))
        {
            Report(row.Row, "user_id", "The user_id is the user's email address.");
        }

        DateOnly? date = null;
        if (row.Date is not null)
        {
            if (DateOnly.TryParseExact(row.Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                date = parsed;
            }
            else
            {
                Report(row.Row, "date", "The date is YYYY-MM-DD.");
            }
        }

        decimal? hours = null;
        if (row.Hours is not null)
        {
            if (decimal.TryParse(row.Hours.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            {
                hours = parsed;
            }
            else
            {
                Report(row.Row, "hours", "The hours are a number such as 7.5.");
            }
        }

        if (row.ExternalId is { Length: > TimesheetEntryConfiguration.ExternalIdLength })
        {
            Report(row.Row, "external_id", $"The external_id is at most {TimesheetEntryConfiguration.ExternalIdLength} characters.");
        }

        var draft = new EntryDraft(date, row.Project, hours, row.Notes);
        foreach (var (field, messages) in EntryRules.CheckShape(draft, settings, _today))
        {
            // A field already reported as unreadable is not reported again as missing.
            if (!Errors.Any(e => e.Row == row.Row && e.Field == field))
            {
                Report(row.Row, field, messages[0]);
            }
        }

        if (draft.Project is { } name && !string.IsNullOrWhiteSpace(name) && _projects.GetValueOrDefault(name.Trim()) is null)
        {
            Report(row.Row, "project", _projects.ContainsKey(name.Trim()) ? $"The project '{name}' is archived." : $"There is no project named '{name}'.");
        }

        return ErrorCount == before ? (row, draft, email!) : null;
    }

    /// <summary>
    /// Refuses the rows whose email no user of the issuer has, or whose user is blocked; the emails new
    /// to this upload are resolved together (in parallel, through the cache).
    /// </summary>
    /// <exception cref="PeopleUnavailableException">The issuer could not answer: nothing may be stored unverified.</exception>
    private async Task CheckPeopleAsync(List<(UploadRow Row, EntryDraft Draft, string Email)> drafts, CancellationToken cancellationToken)
    {
        if (!people.Enabled)
        {
            return;
        }

        var missing = drafts.Select(d => d.Email).Where(e => !_people.ContainsKey(e)).Distinct().ToList();
        if (missing.Count > 0)
        {
            foreach (var (email, person) in await people.ResolveAsync(missing, cancellationToken))
            {
                _people[email] = person;
            }
        }

        drafts.RemoveAll(d =>
        {
            var person = _people[d.Email];
            if (person is { Blocked: false })
            {
                return false;
            }

            PeopleErrorCount++;
            Report(d.Row.Row, "user_id", person is null ? $"No user has the email {d.Email}." : $"The user {d.Email} is blocked.");
            return true;
        });
    }

    private async Task LoadDayTotalsAsync(List<(UploadRow Row, EntryDraft Draft, string Email)> drafts, CancellationToken cancellationToken)
    {
        var missing = drafts.Select(d => (d.Email, Date: d.Draft.Date!.Value)).Distinct().Where(k => !_dayTotals.ContainsKey(k)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var sums = await _store.DayTotalsAsync(missing, cancellationToken);
        foreach (var key in missing)
        {
            _dayTotals[key] = sums.GetValueOrDefault(key);
        }
    }

    /// <summary>The <c>sub</c> of each new email of the chunk, when the API has seen that user: one query per chunk.</summary>
    private async Task LoadSubsAsync(List<(UploadRow Row, EntryDraft Draft, string Email)> drafts, CancellationToken cancellationToken)
    {
        var missing = drafts.Select(d => d.Email).Where(e => !_subs.ContainsKey(e)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var known = await _store.SubsAsync(missing, cancellationToken);
        foreach (var email in missing)
        {
            _subs[email] = known.GetValueOrDefault(email);
        }
    }

    private void Report(int row, string field, string message)
    {
        ErrorCount++;
        if (Errors.Count < MaxReportedErrors)
        {
            Errors.Add(new RowError(row, field, message));
        }
    }
}
