using System.Net.Http.Json;
using System.Text.Json;

namespace Timesheets.EndToEnd;

/// <summary>
/// Entries logged without a network wait on the phone and go to the server when it returns: once
/// each, whatever the retries; one whose project was archived meanwhile shows the server's reason.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OfflineEntryTests(SystemFixture system)
{
    private static readonly TimeSpan SyncWait = TimeSpan.FromSeconds(45); // the online event, else the 30 s retry

    [Fact]
    public async Task OfflineEntries_NetworkBack_OneStoredOnceTheOtherRefusedForItsArchivedProject()
    {
        var project = "E2E Offline " + Guid.NewGuid().ToString("N")[..6];
        long projectId;
        using (var admin = await system.ApiAsync(IdentityHost.Admin))
        {
            var created = await admin.PostAsJsonAsync("projects", new { name = project });
            created.EnsureSuccessStatusCode();
            projectId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }

        await using var phone = await system.LoggedInAsync(IdentityHost.Employee);
        var (context, page) = phone;
        // The form seen once online keeps the project list for offline use.
        await page.GetByRole(AriaRole.Link, new() { Name = "Log hours" }).First.ClickAsync();
        await Expect(page.GetByLabel("Project").Locator($"option[value='{project}']")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Link, new() { Name = "Close" }).ClickAsync();

        var day = AppPages.Monday(DateOnly.FromDateTime(DateTime.Now)).AddDays(-42 + 3);
        await context.SetOfflineAsync(true);
        await page.GetByRole(AriaRole.Link, new() { Name = "Log hours" }).First.ClickAsync();
        await page.FillEntryAsync("Internal", "3", day, "e2e: logged offline");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log hours" }).ClickAsync();
        await Expect(Queued(page, "e2e: logged offline")).ToContainTextAsync("Waiting to sync");
        await Expect(page.Locator(".note")).ToContainTextAsync("You're offline"); // a state, not an error
        await Expect(page.Locator("p.alert")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Log hours" }).First.ClickAsync();
        await page.FillEntryAsync(project, "2", day, "e2e: project archived meanwhile");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log hours" }).ClickAsync();
        await Expect(Queued(page, "e2e: project archived meanwhile")).ToContainTextAsync("Waiting to sync");
        await page.ShotAsync("offline-waiting", forDocs: true);

        using (var admin = await system.ApiAsync(IdentityHost.Admin))
        {
            (await admin.DeleteAsync($"projects/{projectId}")).EnsureSuccessStatusCode();
        }

        await context.SetOfflineAsync(false);
        var stored = page.Locator(".card.entry:not(.queued)").Filter(new() { HasText = "e2e: logged offline" });
        await Expect(stored).ToContainTextAsync("Pending", new() { Timeout = (float)SyncWait.TotalMilliseconds });
        await Expect(Queued(page, "e2e: logged offline")).ToHaveCountAsync(0);
        var refused = Queued(page, "e2e: project archived meanwhile");
        await Expect(refused).ToContainTextAsync("archived", new() { Timeout = (float)SyncWait.TotalMilliseconds });
        await refused.ScrollIntoViewIfNeededAsync();
        await page.ShotAsync("offline-synced", forDocs: true);

        using (var employee = await system.ApiAsync(IdentityHost.Employee))
        {
            var date = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var entries = await employee.GetFromJsonAsync<JsonElement>($"timesheets?from={date}&to={date}");
            var notes = entries.EnumerateArray().Select(e => e.GetProperty("notes").GetString()).ToList();
            Assert.Equal(1, notes.Count(n => n == "e2e: logged offline"));
            Assert.DoesNotContain("e2e: project archived meanwhile", notes);
        }

        await refused.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Expect(refused).ToHaveCountAsync(0);
    }

    private static ILocator Queued(IPage page, string notes) => page.Locator(".card.queued").Filter(new() { HasText = notes });
}
