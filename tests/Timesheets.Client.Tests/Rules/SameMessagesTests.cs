using Timesheets.Client.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Client.Tests.Rules;

/// <summary>The client checks a draft before sending it; what it shows must be what the server would have said.</summary>
public abstract class SameMessagesTests(ClientFixture fixture)
{
    public static TheoryData<string?, string?, string?, int> BadDrafts => new()
    {
        { null, "Internal", "1", 0 },
        { "far-past", "Internal", "1", 0 },
        { "today", "Internal", "0", 0 },
        { "today", "Internal", "1.005", 0 },
        { "today", " ", "1", 0 },
        { "today", "Internal", "1", 2001 },
        { "today", "Internal", "0.001", 0 },
        { "today", "Internal", "24.5", 0 },
        { "today", new string('p', 101), "1", 0 },
        // Several fields at once: every one named, each with its message.
        { null, "", "30", 2001 },
    };

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public async Task ServerAndClient_SameBadDraft_SameFieldsAndMessages(string? when, string? project, string? hours, int notesLength)
    {
        var client = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        DateOnly? date = when switch { "far-past" => today.AddDays(-400), "far-future" => today.AddDays(40), "today" => today, _ => null };
        var draft = new EntryDraft(date, project, hours is null ? null : decimal.Parse(hours, System.Globalization.CultureInfo.InvariantCulture),
            notesLength == 0 ? null : new string('n', notesLength));

        var server = (await client.CreateEntryAsync(new EntryRequest { Date = draft.Date, Project = draft.Project, Hours = draft.Hours, Notes = draft.Notes }))
            .Refused(ProblemKind.Invalid, 400);
        var local = EntryShape.Check(draft, today);

        Assert.Equal(local.OrderBy(e => e.Key).Select(e => (e.Key, string.Join("|", e.Value))),
            server.Errors.OrderBy(e => e.Key).Select(e => (e.Key, string.Join("|", e.Value))));
    }
}
