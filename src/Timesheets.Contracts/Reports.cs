namespace Timesheets.Contracts;

public sealed record SummaryRow(string Key, decimal Hours, int Entries);

public sealed record SummaryResponse(string GroupBy, DateOnly From, DateOnly To, string Scope, decimal TotalHours, IReadOnlyList<SummaryRow> Rows);
