namespace Timesheets.Cli;

/// <summary>The process exit codes, documented in docs/cli.md; scripts branch on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command line is wrong (unknown option, missing value): nothing was sent.</summary>
    public const int Usage = 1;

    /// <summary>Refused: a rule the CLI checks before sending, or the server's answer (validation, conflict, not found, scope).</summary>
    public const int Refused = 2;

    /// <summary>Nobody is logged in, or the session ended (refresh refused or revoked): run <c>timesheets login</c>.</summary>
    public const int LoginRequired = 3;

    /// <summary>The API or the identity server could not be reached (a logged entry is queued instead).</summary>
    public const int Unreachable = 4;

    /// <summary>The server failed (5xx) or answered something the CLI does not understand.</summary>
    public const int ServerError = 5;

    /// <summary>Interrupted (Ctrl+C); an import can be run again and skips what is stored.</summary>
    public const int Interrupted = 130;
}
