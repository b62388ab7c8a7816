using System.Text.Json.Serialization;
using Timesheets.Contracts;

namespace Timesheets.Client.Offline;

/// <summary>Where a queued entry stands.</summary>
public enum QueueState
{
    /// <summary>Not sent yet, or sent without an answer: the next replay sends it (again, safely).</summary>
    Waiting,

    /// <summary>The server stored it; <see cref="QueuedEntry.Stored"/> is the entry it answered.</summary>
    Stored,

    /// <summary>The server refused it for good; <see cref="QueuedEntry.Refusal"/> says why. The user decides what next.</summary>
    Refused,
}

/// <summary>An entry logged (or an edit made) while offline, and what became of it.</summary>
public sealed record QueuedEntry
{
    public required Guid Id { get; init; }

    public required EntryRequest Entry { get; init; }

    /// <summary>Sent with every attempt, so a re-send after a lost answer returns the entry stored the first time.</summary>
    public required string IdempotencyKey { get; init; }

    public required DateTimeOffset QueuedAt { get; init; }

    public QueueState State { get; init; }

    /// <summary>The entry as the server stored it (<see cref="QueueState.Stored"/>).</summary>
    public EntryResponse? Stored { get; init; }

    /// <summary>The server's refusal, as it answered it (<see cref="QueueState.Refused"/>).</summary>
    public ApiProblem? Refusal { get; init; }

    /// <summary>For an edit: the entry it changes. Null for a new entry.</summary>
    public long? EntryId { get; init; }

    /// <summary>For an edit: the version the user edited (sent as <c>If-Match</c>), so a change made meanwhile is not overwritten.</summary>
    public string? ETag { get; init; }

    /// <summary>For a refused edit: the entry as the server has it now (e.g. approved by a manager meanwhile), to show beside the refusal.</summary>
    public EntryResponse? Current { get; init; }

    [JsonIgnore]
    public bool IsEdit => EntryId is not null;
}

/// <summary>
/// What one replay did: the entries it got stored and those the server refused (each once, in
/// queue order), and every entry still waiting (the server was unreachable, or a login is needed).
/// </summary>
public sealed record SyncReport(IReadOnlyList<QueuedEntry> Stored, IReadOnlyList<QueuedEntry> Refused, IReadOnlyList<QueuedEntry> StillWaiting)
{
    /// <summary>Why the replay stopped early (offline, rate limited, login needed), or null when every waiting entry was sent.</summary>
    public ApiProblem? StoppedBy { get; init; }
}
