using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace Timesheets.Contracts;

public sealed record RejectRequest
{
    /// <summary>Why the entry is rejected; shown to its owner.</summary>
    [Required]
    [StringLength(EntryLimits.ReasonLength)]
    public string? Reason { get; init; }
}

public sealed record BulkReviewRequest
{
    /// <summary><c>approve</c> or <c>reject</c>.</summary>
    [Required]
    public string? Action { get; init; }

    [Required]
    [MaxLength(EntryLimits.MaxBulkIds)]
    // The lists deserialised here are arrays and List<long>, which are ICollection: no reflection on Count.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Ids is always an ICollection<long>.")]
    public IReadOnlyList<long>? Ids { get; init; }

    /// <summary>Required when rejecting.</summary>
    [StringLength(EntryLimits.ReasonLength)]
    public string? Reason { get; init; }
}
