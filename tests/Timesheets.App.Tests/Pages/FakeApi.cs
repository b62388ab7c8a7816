using System.Net;
using System.Text;

namespace Timesheets.App.Tests.Pages;

/// <summary>
/// The API as the list and the offline queue meet it: unreachable while <see cref="Offline"/>, else
/// the pages of <c>GET /timesheets</c> (each linking to the next), an empty changes feed, and
/// <see cref="CreateAnswer"/> for a new entry.
/// </summary>
internal sealed class FakeApi : HttpMessageHandler
{
    public bool Offline { get; set; }

    /// <summary>Each page's JSON array; page N links to page N+1.</summary>
    public List<string> Pages { get; } = ["[]"];

    public (HttpStatusCode Status, string Json) CreateAnswer { get; set; } = (HttpStatusCode.Created, "{}");

    public int Creates { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Offline)
        {
            throw new HttpRequestException("offline");
        }

        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Post)
        {
            Creates++;
            var type = CreateAnswer.Status == HttpStatusCode.Created ? "application/json" : "application/problem+json";
            return Task.FromResult(new HttpResponseMessage(CreateAnswer.Status) { Content = new StringContent(CreateAnswer.Json, Encoding.UTF8, type) });
        }

        if (path.EndsWith("/changes", StringComparison.Ordinal))
        {
            return Json("""{"changes":[],"cursor":"c1","has_more":false}""");
        }

        var page = int.TryParse(System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query)["page"], out var n) ? n : 0;
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Pages[page], Encoding.UTF8, "application/json") };
        if (page + 1 < Pages.Count)
        {
            response.Headers.TryAddWithoutValidation("Link", $"<http://api.test/timesheets?page={page + 1}>; rel=\"next\"");
        }

        return Task.FromResult(response);
    }

    private static Task<HttpResponseMessage> Json(string json) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    /// <summary>An entry as the API lists it.</summary>
    public static string Entry(long id, string date, string project) =>
        $$"""{"id":{{id}},"user_id":"employee@exampleco.com","user_sub":"s","date":"{{date}}","project":"{{project}}","project_id":1,"hours":2,"notes":null,"status":"pending","approved":false,"reviewed_by":null,"reviewed_at":null,"rejection_reason":null,"source":"app","external_id":null,"created_at":"2026-12-01T10:00:00Z","updated_at":"2026-12-01T10:00:00Z","etag":"\"1\""}""";
}
