using Timesheets.Contracts;

namespace Timesheets.App;

/// <summary>
/// Where the app finds Identity and the API, read from <c>appsettings.json</c>: the published file
/// is a placeholder (Blazor fetches only the files it saw at build), which Timesheets.App.Host answers
/// in its place with its deployment's URLs, so one build serves any set of URLs.
/// </summary>
internal sealed record AppSettings(Uri Authority, Uri ApiBase, Uri AppBase)
{
    public const string ClientId = "timesheets-mobile";

    /// <summary>offline_access: a refresh token, so the session renews without sending the person back to the login page.</summary>
    public const string Scope = "openid profile email offline_access " + ApiScopes.Read + " " + ApiScopes.Create + " " + ApiScopes.Delete + " " + ApiScopes.Approve;

    public Uri Callback => new(AppBase, "callback");

    public static AppSettings Read(IConfiguration configuration, string baseAddress) => new(
        Required(configuration, "Identity:Authority"), Required(configuration, "Api:BaseUrl"), new Uri(baseAddress));

    private static Uri Required(IConfiguration configuration, string key) =>
        Uri.TryCreate(configuration[key], UriKind.Absolute, out var uri)
            ? new Uri(uri.ToString().TrimEnd('/') + "/")
            : throw new InvalidOperationException($"appsettings.json must set {key} to an absolute URL.");
}
