namespace Timesheets.Contracts;

public sealed record UploadResult(int Received, int Created, int Skipped);

public sealed record RowError(int Row, string Field, string Message);

/// <summary>The shape of one upload row, for the OpenAPI document (rows are read field by field).</summary>
public sealed record EntryUploadRow(string UserId, DateOnly Date, string Project, decimal Hours, string? Notes, string? ExternalId);
