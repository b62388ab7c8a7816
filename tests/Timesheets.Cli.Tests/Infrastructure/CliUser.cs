using System.Text.Json;
using Spectre.Console;
using Timesheets.Testing;

namespace Timesheets.Cli.Tests.Infrastructure;

/// <summary>What a command printed and how it ended.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>
/// One person at one terminal: their own config folder (so their own token cache), running the CLI
/// in process against the fixture's servers. Logging in, the test plays their browser.
/// </summary>
public sealed class CliUser(CliFixture fixture) : IDisposable
{
    public string ConfigDirectory { get; } = Path.Combine(Path.GetTempPath(), "timesheets-cli-tests", Guid.NewGuid().ToString("N"));

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public Dictionary<string, string?> Environment { get; } = new()
    {
        ["TIMESHEETS_ISSUER"] = IdentityHost.Issuer,
        ["TIMESHEETS_API"] = "http://localhost/",
    };

    /// <summary>The URLs the CLI opened in "the browser".</summary>
    public List<Uri> Opened { get; } = [];

    /// <summary>What the browser showed after the redirect back to the CLI's loopback listener.</summary>
    public string? CallbackPage { get; private set; }

    private Task _browser = Task.CompletedTask;
    private string _email = IdentityHost.Employee;

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, new SharedWriter(), CancellationToken.None);

    public async Task<CliResult> RunAsync(string[] args, SharedWriter output, CancellationToken cancellationToken)
    {
        var error = new SharedWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        var context = new CliContext
        {
            Console = console, Out = output, Error = error, ConfigDirectory = ConfigDirectory,
            IdentityHandler = fixture.Identity.Server.CreateHandler(), ApiHandler = fixture.ApiTransport,
            OpenUrl = OpenAsync, Clock = Clock, Environment = Environment,
        };
        var exit = await CliApp.RunAsync(args, context, cancellationToken);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>
    /// <c>timesheets login</c> (or the login <paramref name="command"/> given, e.g. <c>admin login</c>), the test playing the
    /// browser: the real login form, then the redirect to the CLI's loopback listener.
    /// </summary>
    public async Task<CliResult> LoginAsync(string email, params string[] command)
    {
        _email = email;
        var result = await RunAsync(command.Length == 0 ? ["login"] : command);
        await _browser;
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary><c>timesheets admin login</c> through the browser: the login for the Management API.</summary>
    public Task<CliResult> AdminLoginAsync(string email) => LoginAsync(email, "admin", "login");

    /// <summary>A user at their own terminal, logged in through the browser.</summary>
    public static async Task<CliUser> LoggedInAsync(CliFixture fixture, string email)
    {
        var user = new CliUser(fixture);
        await user.LoginAsync(email);
        return user;
    }

    public void Dispose()
    {
        if (Directory.Exists(ConfigDirectory))
        {
            Directory.Delete(ConfigDirectory, recursive: true);
        }
    }

    private Task OpenAsync(Uri url, CancellationToken cancellationToken)
    {
        Opened.Add(url);
        // In the background, as a browser is: the CLI waits on its listener only after opening the page.
        _browser = Task.Run(async () =>
        {
            using var browser = fixture.Identity.CreateOidcClient();
            var redirect = await browser.AuthorizeAsync(url.PathAndQuery, _email, IdentityHost.DemoPassword);
            using var loopback = new HttpClient();
            CallbackPage = await loopback.GetStringAsync(redirect, cancellationToken);
        }, cancellationToken);
        return Task.CompletedTask;
    }
}
