using System.CommandLine;

namespace Timesheets.Cli.Shared;

/// <summary>
/// A machine client's secret: from a file (<c>--secret-file</c>) or an environment variable, never
/// from an argument (arguments show in <c>ps</c> and in shell history).
/// </summary>
internal static class Secrets
{
    public static Option<FileInfo?> FileOption(string whose, string variable) =>
        new("--secret-file") { Description = $"A file holding {whose} secret (else ${variable}; never an argument)." };

    /// <summary>The secret, or null when neither the file (if named) nor the variable gives one.</summary>
    public static async Task<string?> ReadAsync(CliContext context, FileInfo? file, string variable, CancellationToken cancellationToken)
    {
        var secret = file is not null
            ? (file.Exists ? (await File.ReadAllTextAsync(file.FullName, cancellationToken)).Trim() : null)
            : context.Env(variable);
        return string.IsNullOrEmpty(secret) ? null : secret;
    }
}
