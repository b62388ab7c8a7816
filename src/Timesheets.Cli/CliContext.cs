using Spectre.Console;

namespace Timesheets.Cli;

/// <summary>
/// Everything a command touches outside itself: the terminal, the config folder, the network, the
/// browser, the clock and the environment. <see cref="FromSystem"/> gives the real ones; tests give
/// in-memory writers and the in-process servers' handlers.
/// </summary>
public sealed record CliContext
{
    /// <summary>Human output: tables, colours and charts where the terminal supports them.</summary>
    public required IAnsiConsole Console { get; init; }

    /// <summary>Machine output (<c>--json</c>, an export to stdout): written as is, never styled.</summary>
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Where the config and the token cache live; null reads TIMESHEETS_CONFIG_DIR, then XDG_CONFIG_HOME, then ~/.config.</summary>
    public string? ConfigDirectory { get; init; }

    /// <summary>The transport to the identity server; null uses the network.</summary>
    public HttpMessageHandler? IdentityHandler { get; init; }

    /// <summary>The transport to the API; null uses the network.</summary>
    public HttpMessageHandler? ApiHandler { get; init; }

    /// <summary>Opens a URL in the system browser (the login's authorize page).</summary>
    public Func<Uri, CancellationToken, Task> OpenUrl { get; init; } = Login.SystemBrowser.OpenAsync;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>True when stdout is a terminal a progress bar can redraw; false when redirected.</summary>
    public bool Interactive => Console.Profile.Capabilities.Interactive;

    public string? Env(string name) => Environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetLocalNow().DateTime);

    public static CliContext FromSystem() => new()
    {
        Console = AnsiConsole.Console,
        Out = System.Console.Out,
        Error = System.Console.Error,
        Environment = System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .ToDictionary(key => key, System.Environment.GetEnvironmentVariable, StringComparer.Ordinal),
    };

    /// <summary>A client to the identity server over <see cref="IdentityHandler"/> (kept open: tests share it).</summary>
    internal HttpClient IdentityHttp() => IdentityHandler is { } handler ? new HttpClient(handler, disposeHandler: false) : new HttpClient();
}
