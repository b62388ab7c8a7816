namespace Timesheets.Contracts;

/// <summary>Who the token says the caller is, and what it may do.</summary>
public sealed record MeResponse(string Sub, string? Email, string? ClientId, IReadOnlyList<string> Scopes);
