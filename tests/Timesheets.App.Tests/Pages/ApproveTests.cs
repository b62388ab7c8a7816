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

    private sealed class CountingHandler : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("[]") });
        }
    }

    private sealed class NoRefresh : ITokenRefresher
    {
        public Task<RefreshOutcome> RefreshAsync(TokenSet current, CancellationToken cancellationToken) =>
            Task.FromResult(RefreshOutcome.Refused("test"));
    }
}
