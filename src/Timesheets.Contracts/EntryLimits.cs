namespace Timesheets.Contracts;

/// <summary>The limits of an entry and of the requests about entries, shared by the API and every client.</summary>
public static class EntryLimits
{
    /// <summary>Hours of one entry and of one user's day.</summary>
    public const int MaxHoursPerDay = 24;

    public const int MaxCentihoursPerDay = MaxHoursPerDay * 100;

    /// <summary>The smallest entry: hours have two decimals at most.</summary>
    public const double MinHours = 0.01;

    public const int ProjectNameLength = 100;

    public const int NotesLength = 2000;

    public const int ReasonLength = 1000;

    /// <summary>Entry ids one bulk approval may name.</summary>
    public const int MaxBulkIds = 500;

    /// <summary>How far back and ahead an entry's date may be, unless the server is configured otherwise.</summary>
    public const int DefaultMaxDaysInPast = 366;

    public const int DefaultMaxDaysInFuture = 31;
}

/// <summary>The values of <c>status</c> and <c>source</c> on an entry.</summary>
public static class EntryStatuses
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    public static readonly IReadOnlyList<string> All = [Pending, Approved, Rejected];
}
