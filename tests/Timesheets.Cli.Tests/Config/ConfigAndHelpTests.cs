using Timesheets.Cli.Tests.Infrastructure;

namespace Timesheets.Cli.Tests.Config;

public sealed class ConfigAndHelpTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "timesheets-cli-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _environment = [];

    private Task<CliResult> RunAsync(params string[] args) => OfflineCli.RunAsync(_folder, _environment, args);

    public static TheoryData<string> Commands() =>
    [
        "login", "logout", "whoami", "log", "list", "edit", "delete", "sync", "approvals", "approve", "reject", "report", "export", "import",
        "config set", "config show", "completion",
        "admin", "admin login", "admin logout",
        "admin users list", "admin users show", "admin users invite", "admin users block", "admin users unblock", "admin users unlock",
        "admin users delete", "admin users reset-password", "admin users reset-mfa", "admin users roles", "admin users assign", "admin users unassign",
        "admin roles list", "admin roles show", "admin roles create", "admin roles rename", "admin roles delete", "admin roles grant", "admin roles revoke",
        "admin apps list", "admin apps show", "admin apps create", "admin apps update", "admin apps delete", "admin apps rotate-secret",
        "admin apis list", "admin apis show", "admin apis create", "admin apis update", "admin apis delete",
        "admin keys list", "admin keys rotate", "admin keys revoke", "admin logs",
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_OfEveryCommand_ShowsAnExample(string command)
    {
        var help = await RunAsync([.. command.Split(' '), "--help"]);

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Examples:", help.Out, StringComparison.Ordinal);
        Assert.Contains($"  timesheets {command}", help.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_SetThenShow_UsesTheUrlsAndTheEnvironmentWins()
    {
        Assert.Equal(0, (await RunAsync("config", "set", "api", "https://api.example.test")).ExitCode);
        Assert.Equal(0, (await RunAsync("config", "set", "issuer", "https://id.example.test/")).ExitCode);
        _environment["TIMESHEETS_ISSUER"] = "https://other-id.example.test/";

        var show = (await RunAsync("config", "show", "--json")).Json;

        Assert.Equal("https://api.example.test/", show.GetProperty("api").GetString());
        Assert.Equal("https://other-id.example.test/", show.GetProperty("issuer").GetString());
        Assert.Contains("TIMESHEETS_ISSUER", (await RunAsync("config", "show")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_SetANonUrl_IsAUsageError()
    {
        var result = await RunAsync("config", "set", "api", "not a url");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not an absolute http(s) URL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_TheScriptAsksTheToolWhichSuggestsCommands()
    {
        var script = await RunAsync("completion", "bash");
        var suggestions = await RunAsync("[suggest:13]", "timesheets ap");

        Assert.Contains("timesheets \"[suggest:${COMP_POINT}]\" \"${COMP_LINE}\"", script.Out, StringComparison.Ordinal);
        Assert.Equal(["approvals", "approve"], suggestions.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
