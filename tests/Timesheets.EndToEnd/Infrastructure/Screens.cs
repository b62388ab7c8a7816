namespace Timesheets.EndToEnd.Infrastructure;

/// <summary>
/// A screenshot of every screen into artifacts/test-results/screenshots; with
/// <c>TIMESHEETS_SCREENSHOTS_TO_DOCS=1</c> the ones the docs show are also written to docs/screenshots
/// (the app's as app-*.png; Identity's pages keep their admin-* and identity-* names).
/// </summary>
internal static class Screens
{
    public static Task ShotAsync(this IPage page, string name, bool forDocs = false) => ShotAsync(page, name, forDocs, ScreenshotScale.Device);

    /// <summary>
    /// The page as it is now on a phone (<paramref name="name"/>-phone, as the page's phone context shows it) and on a
    /// 1280×800 screen (<paramref name="name"/>-desktop, one image pixel per CSS pixel, as a desktop's): one page at both
    /// sizes, so a page that shows something only once (a link just made) needs no second run. The page's context must
    /// be a phone's (<see cref="SystemFixture.PhoneAsync"/>); the page is back at the phone's size afterwards.
    /// </summary>
    /// <param name="show">What the shots are about, scrolled just into view at each size (null: the top of the page).</param>
    public static async Task ShotBothAsync(this IPage page, string name, bool forDocs = false, ILocator? show = null)
    {
        var phone = page.ViewportSize ?? throw new InvalidOperationException("The page has no fixed viewport to return to.");
        await ScrollToAsync(page, show);
        await page.ShotAsync(name + "-phone", forDocs);
        await page.SetViewportSizeAsync(1280, 800);
        try
        {
            await ScrollToAsync(page, show);
            await ShotAsync(page, name + "-desktop", forDocs, ScreenshotScale.Css);
        }
        finally
        {
            await page.SetViewportSizeAsync(phone.Width, phone.Height);
        }
    }

    private static Task ScrollToAsync(IPage page, ILocator? show) =>
        show is null ? page.EvaluateAsync("window.scrollTo(0, 0)") : show.EvaluateAsync("e => e.scrollIntoView({ block: 'nearest' })");

    private static async Task ShotAsync(IPage page, string name, bool forDocs, ScreenshotScale scale)
    {
        Directory.CreateDirectory(Repository.Screenshots);
        var file = Path.Combine(Repository.Screenshots, name + ".png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = false, Scale = scale });
        if (forDocs && Environment.GetEnvironmentVariable("TIMESHEETS_SCREENSHOTS_TO_DOCS") == "1")
        {
            var docsName = name.StartsWith("admin-", StringComparison.Ordinal) || name.StartsWith("identity-", StringComparison.Ordinal) ? name : "app-" + name;
            File.Copy(file, Path.Combine(Repository.Root, "docs", "screenshots", docsName + ".png"), overwrite: true);
        }
    }
}
