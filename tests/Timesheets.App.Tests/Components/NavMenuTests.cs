using Timesheets.App.Ui.Layout;
using Timesheets.Client.Rules;

namespace Timesheets.App.Tests.Components;

/// <summary>The menu offers Approve from the granted scope (approve:timesheets), never from a role name.</summary>
public sealed class NavMenuTests : BunitContext
{
    private IRenderedComponent<NavMenu> Menu(string scope) => Render<NavMenu>(p => p.Add(m => m.Grants, Grants.FromScope(scope)));

    private static IEnumerable<string> Links(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a").Select(a => a.GetAttribute("href") ?? "");

    [Fact]
    public void Menu_WithoutTheApproveScope_HasNoApprove()
    {
        var menu = Menu("openid profile offline_access read:timesheets create:timesheets delete:timesheets");
        Assert.DoesNotContain("approve", Links(menu));
        Assert.Contains("entries/new", Links(menu));
    }

    [Fact]
    public void Menu_WithTheApproveScope_OffersApprove()
    {
        var menu = Menu("openid read:timesheets create:timesheets approve:timesheets");
        Assert.Contains("approve", Links(menu));
    }

    [Fact]
    public void Menu_ScopeNamingAManagerRoleButNotTheScope_HasNoApprove()
    {
        var menu = Menu("openid read:timesheets manager approve");
        Assert.DoesNotContain("approve", Links(menu));
    }

    [Fact]
    public void Menu_WithoutTheCreateScope_HasNoLogHours()
    {
        var menu = Menu("openid read:timesheets");
        Assert.DoesNotContain("entries/new", Links(menu));
    }
}
