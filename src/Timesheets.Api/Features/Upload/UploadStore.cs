using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Timesheets.Api.Data;
using Timesheets.Api.Features.Sync;
using Timesheets.Api.Features.Timesheets;

namespace Timesheets.Api.Features.Upload;

/// <summary>What an upload reads and writes, a chunk at a time, inside the caller's transaction.</summary>
internal abstract class UploadStore
{
    public static UploadStore For(ApiDataContext db) => db.Database.IsNpgsql() ? new PostgresUploadStore(db) : new EfUploadStore(db);

    /// <summary>Which of these external ids are already stored.</summary>
    public abstract Task<HashSet<string>> StoredExternalIdsAsync(List<string> externalIds, CancellationToken cancellationToken);

    /// <summary>The stored hours (× 100) of each (email, day); a missing key has none.</summary>
    public abstract Task<Dictionary<(string Email, DateOnly Date), int>> DayTotalsAsync(List<(string Email, DateOnly Date)> keys, CancellationToken cancellationToken);

    /// <summary>The <c>sub</c> of each email the API has seen a token of.</summary>
    public abstract Task<Dictionary<string, string>> SubsAsync(List<string> emails, CancellationToken cancellationToken);

    /// <summary>Stores the entries and one change row each; returns the lowest and highest new id.</summary>
    public abstract Task<(long First, long Last)> InsertAsync(List<TimesheetEntry> entries, DateTime now, CancellationToken cancellationToken);
}

/// <summary>SQLite (in process, so round trips cost little): lookups as plain EF Core queries.</summary>
internal sealed class EfUploadStore(ApiDataContext db) : UploadStore
{
    public override async Task<HashSet<string>> StoredExternalIdsAsync(List<string> externalIds, CancellationToken cancellationToken) =>
        (await db.Entries.Where(e => e.ExternalId != null && externalIds.Contains(e.ExternalId)).Select(e => e.ExternalId!).ToListAsync(cancellationToken))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Exactly the (email, day) pairs asked for, one prepared lookup each through <c>IX_Entries_OwnerEmail_Date</c>
    /// (in process: microseconds each). Asking for the chunk's emails × days instead summed every stored day of
    /// those people, a scan that grew with the table: most of a 100,000-row upload's time.
    /// </summary>
    public override async Task<Dictionary<(string Email, DateOnly Date), int>> DayTotalsAsync(List<(string Email, DateOnly Date)> keys, CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(TimesheetEntry))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string name) => entity.FindProperty(name)!.GetColumnName(table)!;
        var dateMapping = entity.FindProperty(nameof(TimesheetEntry.Date))!.GetRelationalTypeMapping();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"""
            SELECT coalesce(sum("{Column(nameof(TimesheetEntry.Centihours))}"), 0) FROM "{table.Name}"
            WHERE "{Column(nameof(TimesheetEntry.OwnerEmail))}" = $email AND "{Column(nameof(TimesheetEntry.Date))}" = $date
            """;
        var email = command.CreateParameter();
        email.ParameterName = "$email";
        command.Parameters.Add(email);
        var date = dateMapping.CreateParameter(command, "$date", null);
        command.Parameters.Add(date);
        command.Prepare();

        var totals = new Dictionary<(string, DateOnly), int>();
        foreach (var key in keys.Distinct())
        {
            email.Value = key.Email;
            date.Value = dateMapping.Converter is { } converter ? converter.ConvertToProvider(key.Date) : key.Date;
            var sum = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            if (sum != 0)
            {
                totals[key] = sum;
            }
        }

        return totals;
    }

    public override async Task<Dictionary<string, string>> SubsAsync(List<string> emails, CancellationToken cancellationToken)
    {
        var known = await db.Users.Where(u => emails.Contains(u.Email)).Select(u => new { u.Email, u.Sub }).ToListAsync(cancellationToken);
        return known.DistinctBy(u => u.Email).ToDictionary(u => u.Email, u => u.Sub, StringComparer.Ordinal);
    }

    /// <summary>
    /// One prepared <c>INSERT … RETURNING</c> per table, run once per row inside the upload's
    /// transaction. Through EF Core's change tracker the same 100,000 rows took 17–19 s and grew the
    /// heap by ~50 MB; SQLite itself is in process, so a statement per row costs microseconds. Columns
    /// and values go through the EF model's own mappings (names, converters), as EF would write them.
    /// </summary>
    public override async Task<(long First, long Last)> InsertAsync(List<TimesheetEntry> entries, DateTime now, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await using var entryInsert = RowInsert.For<TimesheetEntry>(db, transaction,
            nameof(TimesheetEntry.OwnerSub), nameof(TimesheetEntry.OwnerEmail), nameof(TimesheetEntry.Date), nameof(TimesheetEntry.ProjectId),
            nameof(TimesheetEntry.Centihours), nameof(TimesheetEntry.Notes), nameof(TimesheetEntry.Status), nameof(TimesheetEntry.Source),
            nameof(TimesheetEntry.ExternalId), nameof(TimesheetEntry.CreatedAt), nameof(TimesheetEntry.UpdatedAt), nameof(TimesheetEntry.Version));
        await using var changeInsert = RowInsert.For<EntryChange>(db, transaction,
            nameof(EntryChange.EntryId), nameof(EntryChange.OwnerSub), nameof(EntryChange.OwnerEmail), nameof(EntryChange.Deleted), nameof(EntryChange.At));
        foreach (var entry in entries)
        {
            entry.Id = await entryInsert.ExecuteAsync(entry, cancellationToken);
            await changeInsert.ExecuteAsync(ChangeLog.ChangeOf(entry, deleted: false, now), cancellationToken);
        }

        return (entries.Min(e => e.Id), entries.Max(e => e.Id));
    }

    /// <summary>A prepared single-row insert of some of an entity's properties, returning the new id.</summary>
    private sealed class RowInsert : IAsyncDisposable
    {
        private readonly DbCommand _command;
        private readonly (IProperty Property, DbParameter Parameter)[] _columns;

        private RowInsert(DbCommand command, (IProperty, DbParameter)[] columns)
        {
            _command = command;
            _columns = columns;
        }

        public static RowInsert For<T>(ApiDataContext db, DbTransaction? transaction, params string[] propertyNames)
        {
            var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction;
            var columns = propertyNames.Select((name, i) =>
            {
                var property = entity.FindProperty(name) ?? throw new InvalidOperationException($"{typeof(T).Name}.{name} is not mapped.");
                var parameter = property.GetRelationalTypeMapping().CreateParameter(command, $"$p{i}", null, property.IsNullable);
                command.Parameters.Add(parameter);
                return (property, parameter);
            }).ToArray();
            var id = entity.FindPrimaryKey()!.Properties[0].GetColumnName(table);
            command.CommandText = $"""
                INSERT INTO "{table.Name}" ({string.Join(", ", columns.Select(c => $"\"{c.property.GetColumnName(table)}\""))})
                VALUES ({string.Join(", ", columns.Select(c => c.parameter.ParameterName))}) RETURNING "{id}"
                """;
            command.Prepare();
            return new RowInsert(command, columns);
        }

        public async Task<long> ExecuteAsync(object row, CancellationToken cancellationToken)
        {
            foreach (var (property, parameter) in _columns)
            {
                var value = property.GetGetter().GetClrValueUsingContainingEntity(row);
                var converter = property.GetTypeMapping().Converter;
                parameter.Value = (value is null ? null : converter is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
            }

            return Convert.ToInt64(await _command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        public ValueTask DisposeAsync() => _command.DisposeAsync();
    }
}
