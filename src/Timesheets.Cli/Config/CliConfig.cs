namespace Timesheets.Cli.Config;

/// <summary>What <c>config.json</c> keeps between runs.</summary>
public sealed record CliConfig
{
    public string? Issuer { get; init; }

    public string? Api { get; init; }

    /// <summary>The project of the last entry logged: <c>log</c>'s default.</summary>
    public string? LastProject { get; init; }

    /// <summary>The user logged in at each issuer (its <c>sub</c>), naming the token file to use.</summary>
    public Dictionary<string, string> Accounts { get; init; } = [];
}
