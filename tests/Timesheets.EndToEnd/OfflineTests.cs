namespace Timesheets.EndToEnd;

/// <summary>Without network the app still opens (service worker) and says it is offline (calmly: not an error), signed in all the same.</summary>
[Collection(SystemCollection.Name)]
public sealed class OfflineTests(SystemFixture system)
{
    [Fact]
    public async Task AppShell_Offline_OpensSignedInAndSaysItIsOffline()
    {
        await using var phone = await system.LoggedInAsync(IdentityHost.Employee);
        var (context, page) = phone;
        await page.EvaluateAsync("navigator.serviceWorker.ready.then(() => true)");

        await context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timesheets" })).ToBeVisibleAsync();
        await Expect(page.Locator(".note")).ToContainTextAsync("You're offline");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log in" })).ToHaveCountAsync(0);
        await page.ShotAsync("offline");
        await context.SetOfflineAsync(false);
    }
}
