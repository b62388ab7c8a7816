using System.ComponentModel.DataAnnotations;

namespace Timesheets.Contracts;

public sealed record ProjectRequest
{
    [Required]
    [StringLength(EntryLimits.ProjectNameLength, MinimumLength = 1)]
    public string? Name { get; init; }
}

public sealed record ProjectResponse(long Id, string Name, bool Archived, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
