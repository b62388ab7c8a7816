namespace Timesheets.EndToEnd.Infrastructure;

/// <summary>
/// A screenshot of every screen into artifacts/test-results/screenshots; with
/// <c>TIMESHEETS_SCREENSHOTS_TO_DOCS=1</c> the ones the README shows are also written to docs/screenshots.
/// </summary>
internal static class Screens
{
    public static async Task ShotAsync(this IPage page, string name, bool forDocs = false)
    {
        Directory.CreateDirectory(Repository.Screenshots);
        var file = Path.Combine(Repository.Screenshots, name + ".png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = false });
        if (forDocs && Environment.GetEnvironmentVariable("TIMESHEETS_SCREENSHOTS_TO_DOCS") == "1")
        {
            File.Copy(file, Path.Combine(Repository.Root, "docs", "screenshots", "app-" + name + ".png"), overwrite: true);
        }
    }
}
