using Timesheets.App.Ui.Components;

namespace Timesheets.App.Tests.Components;

/// <summary>The entry form shows the shared rules on their fields before anything is sent, and the server's errors after.</summary>
public sealed class EntryFormTests : BunitContext
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    private readonly List<EntryDraft> _sent = [];

    private IRenderedComponent<EntryForm> Form(IReadOnlyList<EntryResponse>? known = null, IReadOnlyDictionary<string, string[]>? serverErrors = null) =>
        Render<EntryForm>(p => p
            .Add(f => f.Projects, ["Internal", "Mobile App"])
            .Add(f => f.Today, Today)
            .Add(f => f.Known, known ?? [])
            .Add(f => f.ServerErrors, serverErrors)
            .Add(f => f.OnSubmit, (EntryDraft draft) => _sent.Add(draft)));

    private static EntryResponse Logged(DateOnly date, decimal hours) => new()
    {
        Id = 7, UserId = "employee@exampleco.com", UserSub = "sub", Date = date, Project = "Internal", ProjectId = 1, Hours = hours,
        Notes = null, Status = EntryStatuses.Pending, Approved = false, ReviewedBy = null, ReviewedAt = null, RejectionReason = null,
        Source = "app", ExternalId = null, CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch, Etag = "\"1\"",
    };

    [Fact]
    public void Form_Opened_ShowsTodayAndNoErrorYet()
    {
        var form = Form();
        Assert.Equal("2026-12-02", form.Find("#entry-date").GetAttribute("value"));
        Assert.All(form.FindAll(".field-error"), e => Assert.Empty(e.TextContent.Trim()));
    }

    [Fact]
    public void Hours_Over24_ShowTheRuleAtOnceAndNothingIsSent()
    {
        var form = Form();
        form.Find("#entry-project").Change("Internal");
        form.Find("#entry-hours").Change("25");
        Assert.Contains("at most 24", form.Find("#hours-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", form.Find("#entry-hours").GetAttribute("aria-invalid"));

        form.Find("form").Submit();
        Assert.Empty(_sent);
    }

    [Fact]
    public void Submit_Empty_NamesEveryMissingFieldAndSendsNothing()
    {
        var form = Form();
        form.Find("form").Submit();
        Assert.Contains("project is required", form.Find("#project-error").TextContent, StringComparison.Ordinal);
        Assert.Contains("hours are required", form.Find("#hours-error").TextContent, StringComparison.Ordinal);
        Assert.Empty(_sent);
    }

    [Fact]
    public void Hours_PastTheDayTotalWithEntriesAlreadyLogged_ShowTheDayRule()
    {
        var form = Form(known: [Logged(Today, 20)]);
        form.Find("#entry-project").Change("Mobile App");
        form.Find("#entry-hours").Change("5");
        form.Find("form").Submit();
        Assert.Contains("This would make 25 hours on 2026-12-02", form.Find("#hours-error").TextContent, StringComparison.Ordinal);
        Assert.Empty(_sent);
    }

    [Fact]
    public void QuickPick_OnAValidForm_SendsTheDraft()
    {
        var form = Form();
        form.Find("#entry-project").Change("Mobile App");
        form.FindAll(".chip").Single(c => c.TextContent == "8 h").Click();
        form.Find("#entry-notes").Change("Sprint review");
        form.Find("form").Submit();
        var sent = Assert.Single(_sent);
        Assert.Equal(new EntryDraft(Today, "Mobile App", 8m, "Sprint review"), sent);
    }

    [Fact]
    public void ServerError_OnAField_IsShownThereUntilTheFieldChanges()
    {
        var form = Form(serverErrors: new Dictionary<string, string[]> { ["project"] = ["The project 'Internal' is archived."] });
        Assert.Contains("is archived", form.Find("#project-error").TextContent, StringComparison.Ordinal);

        form.Find("#entry-project").Change("Mobile App");
        Assert.Empty(form.Find("#project-error").TextContent.Trim());
    }
}
