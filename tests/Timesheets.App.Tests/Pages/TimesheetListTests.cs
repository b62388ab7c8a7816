using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.App.Ui.Offline;
using Timesheets.App.Ui.Pages;
using Timesheets.App.Ui.Session;
using Timesheets.Client;
using Timesheets.Client.Auth;
using Timesheets.Client.Offline;

namespace Timesheets.App.Tests.Pages;

/// <summary>The list with entries logged offline, and with more entries than one page.</summary>
public sealed class TimesheetListTests : BunitContext
{
    private readonly FakeApi _api = new();
    private readonly OfflineEntries _offline;

    public TimesheetListTests()
    {
        var client = new TimesheetsClient(new HttpClient(_api) { BaseAddress = new Uri("http://api.test/") });
        _offline = new OfflineEntries(client, new MemoryOfflineStore());
        Services.AddSingleton(client);
        Services.AddSingleton(_offline);
        Services.AddSingleton(new UserSession(new TokenSession(new MemoryTokenStore(), new RefusingRefresher())));
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public async Task TimesheetList_EntryLoggedOffline_WaitsThenShowsTheServersRefusalUntilDismissed()
    {
        _api.Offline = true;
        await _offline.QueueAsync(new EntryRequest { Date = new DateOnly(2026, 12, 1), Project = "Old", Hours = 3 }, CancellationToken.None);
        var page = Render<TimesheetList>();
        page.WaitForAssertion(() => Assert.Contains("Waiting to sync", page.Find(".queued").TextContent, StringComparison.Ordinal));

        _api.Offline = false;
        _api.CreateAnswer = (HttpStatusCode.Conflict, """{"title":"Conflict","status":409,"detail":"The project 'Old' is archived and takes no new entries."}""");
        await page.InvokeAsync(() => _offline.ReplayAsync(CancellationToken.None));

        page.WaitForAssertion(() => Assert.Contains("The project 'Old' is archived", page.Find(".queued .reason").TextContent, StringComparison.Ordinal));
        page.Find(".queued button").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".queued")));
        Assert.Equal(1, _api.Creates);
    }

    [Fact]
    public void TimesheetList_MoreThanOnePage_WatchesTheEndAndLoadsTheNextPage()
    {
        _api.Pages.Clear();
        _api.Pages.Add("[" + FakeApi.Entry(2, "2026-12-02", "Mobile App") + "]");
        _api.Pages.Add("[" + FakeApi.Entry(1, "2026-11-20", "Internal") + "]");
        var page = Render<TimesheetList>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".card.entry")));

        // Scrolling to the end is the browser's IntersectionObserver; the button does the same for keyboards.
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "timesheets.observeEnd");
        page.Find("button.wide").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".card.entry").Count));
        Assert.Contains("Internal", page.FindAll(".card.entry")[1].TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("button.wide"));
    }

    private sealed class RefusingRefresher : ITokenRefresher
    {
        public Task<RefreshOutcome> RefreshAsync(TokenSet current, CancellationToken cancellationToken) =>
            Task.FromResult(RefreshOutcome.Refused("test"));
    }
}
