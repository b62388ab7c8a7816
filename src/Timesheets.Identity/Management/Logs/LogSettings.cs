using Microsoft.Extensions.Options;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Management.Logs;

/// <summary>How long the log keeps its entries (section <c>Logs</c>).</summary>
public sealed class LogSettings
{
    public const string Section = "Logs";

    /// <summary>Entries older than this are purged every hour; Auth0 keeps 2 to 30 days depending on the plan.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);
}

internal sealed class LogSettingsValidator : IValidateOptions<LogSettings>
{
    public ValidateOptionsResult Validate(string? name, LogSettings options) =>
        options.Retention >= TimeSpan.FromDays(1) && options.Retention <= TimeSpan.FromDays(3650)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{SettingsReader.Env("Logs:Retention")} must be between 1.00:00:00 and 3650.00:00:00 (got {options.Retention}).");
}
