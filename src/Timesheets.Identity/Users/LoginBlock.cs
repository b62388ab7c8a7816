namespace Timesheets.Identity.Users;

/// <summary>
/// Failed logins of one (account, client address) pair. The key is an HMAC of the normalised email
/// and the client's <c>ClientAddress.Key</c>, so unknown emails get rows too and the table holds
/// no email addresses. Times are Unix milliseconds: comparable in SQL on SQLite and PostgreSQL alike.
/// </summary>
public sealed class LoginBlock
{
    public string Key { get; set; } = "";

    /// <summary>
    /// An HMAC of the normalised email alone (same secret, another purpose), so an admin can lift
    /// every block of one account ("unlock") without the table naming the account.
    /// </summary>
    public string AccountKey { get; set; } = "";

    /// <summary>Attempts since the last block (reserved before the password is verified).</summary>
    public int Failures { get; set; }

    /// <summary>How many times the pair has been blocked: the next block lasts 2^Blocks times the base.</summary>
    public int Blocks { get; set; }

    /// <summary>Refused until this instant; 0 when never blocked.</summary>
    public long BlockedUntil { get; set; }

    public long UpdatedAt { get; set; }
}
