using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.App.Ui.Pages;
using Timesheets.App.Ui.Session;
using Timesheets.Client.Rules;

namespace Timesheets.App.Tests.Pages;

/// <summary>The profile says "Contractor" when Identity's ID token flags the user as one, and only then.</summary>
public sealed class ProfileTests : BunitContext
{
    public ProfileTests() => Services.AddSingleton<ILoginFlow, NoLogin>();

    [Theory]
    [InlineData("""{"name":"Carl Contractor","https://api.exampleco.com/contractor":true}""", true)]
    [InlineData("""{"name":"Emma Employee"}""", false)]
    public void Profile_IdTokenContractorClaim_ShowsContractorOnlyWhenFlagged(string payload, bool contractor)
    {
        var idToken = "e30." + Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".sig";
        var page = Render<Profile>(p => p.AddCascadingValue(SignedInUser.From(idToken, Grants.FromScope("openid profile"))));

        Assert.Equal(contractor, page.FindAll(".badge.contractor").Any(b => b.TextContent == "Contractor"));
    }

    private sealed class NoLogin : ILoginFlow
    {
        public Task LogInAsync(string returnPath, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<LoginOutcome> CompleteAsync(Uri callback, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task LogOutAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
