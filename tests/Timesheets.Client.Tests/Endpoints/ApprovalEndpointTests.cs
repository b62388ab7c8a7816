using Timesheets.Client.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Client.Tests.Endpoints;

public abstract class ApprovalEndpointTests(ClientFixture fixture)
{
    [Fact]
    public async Task Approve_PendingEntry_IsApproved_AndItsOwnerCanNoLongerEditIt()
    {
        var employee = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var manager = (await fixture.SessionAsync(IdentityHost.Manager)).Client;
        var day = fixture.NextDay();
        var entry = (await employee.CreateEntryAsync(Entries.On(day, 6))).Ok();

        var waiting = (await manager.ListApprovalsAsync(new EntryQuery { From = day, To = day })).Ok();
        var approved = (await manager.ApproveAsync(entry.Id, entry.Etag)).Ok();
        var edit = (await employee.UpdateEntryAsync(entry.Id, Entries.On(day, 5))).Refused(ProblemKind.Conflict, 409);

        Assert.Contains(waiting.Items, e => e.Id == entry.Id);
        Assert.Equal(("approved", true, IdentityHost.Manager), (approved.Status, approved.Approved, approved.ReviewedBy));
        Assert.Equal($"Entry {entry.Id} is approved and can no longer change.", edit.Detail);
    }

    [Fact]
    public async Task Approve_OwnEntry_IsForbidden_AndWithoutTheScope_Forbidden()
    {
        var employee = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var manager = (await fixture.SessionAsync(IdentityHost.Manager)).Client;
        var own = (await manager.CreateEntryAsync(Entries.On(fixture.NextDay(), 1))).Ok();

        (await manager.ApproveAsync(own.Id)).Refused(ProblemKind.Forbidden, 403);
        (await employee.ListApprovalsAsync()).Refused(ProblemKind.Forbidden, 403);
    }

    [Fact]
    public async Task Reject_WithReason_TellsTheOwnerWhy_WithoutReason_NamesTheReason()
    {
        var employee = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var manager = (await fixture.SessionAsync(IdentityHost.Manager)).Client;
        var entry = (await employee.CreateEntryAsync(Entries.On(fixture.NextDay(), 3))).Ok();

        var missing = (await manager.RejectAsync(entry.Id, " ")).Refused(ProblemKind.Invalid, 400);
        (await manager.RejectAsync(entry.Id, "Wrong project")).Ok();

        Assert.True(missing.Errors.ContainsKey("reason"));
        var seen = (await employee.GetEntryAsync(entry.Id)).Ok();
        Assert.Equal(("rejected", "Wrong project"), (seen.Status, seen.RejectionReason));
    }

    [Fact]
    public async Task ReviewMany_AllOrNothing_AnUnknownIdRefusesAll()
    {
        var employee = (await fixture.SessionAsync(IdentityHost.Employee)).Client;
        var manager = (await fixture.SessionAsync(IdentityHost.Manager)).Client;
        var day = fixture.NextDay();
        var first = (await employee.CreateEntryAsync(Entries.On(day, 1))).Ok();
        var second = (await employee.CreateEntryAsync(Entries.On(day, 2))).Ok();

        var refused = await manager.ApproveManyAsync([first.Id, second.Id, long.MaxValue]);
        Assert.False(refused.IsSuccess);
        Assert.Equal("pending", (await employee.GetEntryAsync(first.Id)).Ok().Status);

        var approved = (await manager.ApproveManyAsync([first.Id])).Ok();
        var rejected = (await manager.RejectManyAsync([second.Id], "Duplicate")).Ok();
        Assert.Equal("approved", Assert.Single(approved).Status);
        Assert.Equal("rejected", Assert.Single(rejected).Status);
    }
}
