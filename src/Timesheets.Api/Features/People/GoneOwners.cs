namespace Timesheets.Api.Features.People;

/// <summary>
/// Leaves out of a manager's lists the entries of people the issuer no longer has: a user deleted in
/// Identity (or one whose email now belongs to another account). Their entries stay stored, with their
/// history in the audit trail; they only stop asking to be approved.
/// </summary>
internal static partial class GoneOwners
{
    /// <summary>
    /// Removes from <paramref name="entries"/> (one page) those whose owner is gone, resolving the page's distinct
    /// owners through the same cache as uploads. When the issuer cannot be asked, the page is left whole: a
    /// list shown a minute too long is better than none (nothing is written from it).
    /// </summary>
    public static async Task<List<EntryResponse>> WithoutGoneOwnersAsync(this PeopleLookup people, List<EntryResponse> entries, ILogger logger,
        CancellationToken cancellationToken)
    {
        if (!people.Enabled || entries.Count == 0)
        {
            return entries;
        }

        IReadOnlyDictionary<string, Person?> owners;
        try
        {
            owners = await people.ResolveAsync(entries.Select(e => e.UserId), cancellationToken);
        }
        catch (PeopleUnavailableException ex)
        {
            LogUnchecked(logger, ex.Message);
            return entries;
        }

        // Bound to a sub: the user with that email now must be that same account (Identity's user_id is the token's sub).
        entries.RemoveAll(e => owners[e.UserId] is not { } owner || (e.UserSub is { } sub && sub != owner.UserId));
        return entries;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approvals listed without checking their owners at the issuer: {Reason}")]
    private static partial void LogUnchecked(ILogger logger, string reason);
}
