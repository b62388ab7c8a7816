using Microsoft.Extensions.DependencyInjection;
using Timesheets.App.Ui.Pages;
using Timesheets.App.Ui.Session;
using Timesheets.Client;
using Timesheets.Client.Auth;
using Timesheets.Client.Rules;

namespace Timesheets.App.Tests.Pages;

/// <summary>The Approve address typed in by someone without the scope: a plain refusal, and nothing asked of the API.</summary>
public sealed class ApproveTests : BunitContext
{
    private readonly CountingHandler _api = new();

    public ApproveTests()
    {
        Services.AddSingleton(new TimesheetsClient(new HttpClient(_api) { BaseAddress = new Uri("http://api.test/") }));
        Services.AddSingleton(new UserSession(new TokenSession(new MemoryTokenStore(), new NoRefresh())));
    }

    private IRenderedComponent<Approve> Page(string scope) => Render<Approve>(p =>
        p.AddCascadingValue(new SignedInUser("Emma", "employee@exampleco.com", null, Grants.FromScope(scope))));

    [Fact]
    public void Approve_WithoutTheScope_SaysNotAvailableAndCallsNothing()
    {
        var page = Page("openid read:timesheets create:timesheets");
        Assert.Contains("Not available", page.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll(".card.review"));
        Assert.Equal(0, _api.Calls);
    }

    [Fact]
    public void Approve_WithTheScope_AsksTheApiForTheQueue()
    {
        Page("openid read:timesheets approve:timesheets");
        Assert.Equal(1, _api.Calls);
    }

    [Fact]
    public void Approve_EntryChangedMeanwhile_SaysSoSendsItsVersionAndReloads()
    {
        _api.Queue = QueueJson;
        var page = Page("openid read:timesheets approve:timesheets");
        page.WaitForElement(".card.review").QuerySelectorAll("button").Single(b => b.TextContent == "Approve").Click();

        Assert.Equal("\"3\"", _api.IfMatch);
        page.WaitForAssertion(() => Assert.Contains("The entry changed since you read it. The list now shows", page.Find(".alert").TextContent, StringComparison.Ordinal));
        Assert.Equal(3, _api.Calls); // the queue, the refused decision, the queue again
    }

    private const string QueueJson = """
        [{"id":9,"user_id":"employee@exampleco.com","user_sub":"s","date":"2026-12-01","project":"Internal","project_id":1,"hours":2,
          "notes":null,"status":"pending","approved":false,"reviewed_by":null,"reviewed_at":null,"rejection_reason":null,"source":"app",
          "external_id":null,"created_at":"2026-12-01T10:00:00Z","updated_at":"2026-12-01T10:00:00Z","etag":"\"3\""}]
        """;

    /// <summary>The API: the queue for GET, a 412 problem for a decision; counts the calls and keeps the If-Match sent.</summary>
    private sealed class CountingHandler : HttpMessageHandler
    {
        public int Calls { get; private set; }

        public string Queue { get; set; } = "[]";

        public string? IfMatch { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            if (request.Method == HttpMethod.Get)
            {
                return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(Queue, System.Text.Encoding.UTF8, "application/json") });
            }

            IfMatch = request.Headers.TryGetValues("If-Match", out var values) ? values.Single() : null;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.PreconditionFailed)
            {
                Content = new StringContent("""{"title":"Precondition Failed","status":412,"detail":"The entry changed since you read it."}""",
                    System.Text.Encoding.UTF8, "application/problem+json"),
            });
        }
    }

    private sealed class NoRefresh : ITokenRefresher
    {
        public Task<RefreshOutcome> RefreshAsync(TokenSet current, CancellationToken cancellationToken) =>
            Task.FromResult(RefreshOutcome.Refused("test"));
    }
}
