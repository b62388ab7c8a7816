using Timesheets.Client.Rules;

namespace Timesheets.Client.Tests.Rules;

public sealed class GrantsAndShapeTests
{
    [Fact]
    public void Grants_ManagerScope_CanApproveButNotUpload()
    {
        var grants = Grants.FromScope("openid  profile offline_access read:timesheets create:timesheets delete:timesheets approve:timesheets");

        Assert.True(grants is { CanRead: true, CanCreate: true, CanDelete: true, CanApprove: true, CanStayLoggedIn: true });
        Assert.False(grants.CanUpload || grants.CanManageProjects || grants.CanReadAudit);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("approve:timesheetsX read")]
    public void Grants_NoOrLookalikeScopes_AllowNothing(string? scope)
    {
        var grants = Grants.FromScope(scope);

        Assert.False(grants.CanRead || grants.CanApprove || grants.CanStayLoggedIn);
    }

    [Theory]
    [InlineData("0", "The hours must be more than 0 and at most 24.")]
    [InlineData("24.01", "The hours must be more than 0 and at most 24.")]
    [InlineData("0.001", "The hours must be more than 0 and at most 24.")]
    [InlineData("1.005", "The hours have at most two decimals.")]
    public void Shape_BadHours_SaysWhy(string hours, string message) =>
        Assert.Equal(message, EntryShape.HoursError(decimal.Parse(hours, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Shape_GoodDraft_HasNoErrors_EdgesOfTheDateWindowIncluded()
    {
        var today = new DateOnly(2026, 12, 5);

        Assert.Empty(EntryShape.Check(new EntryDraft(today.AddDays(-366), "Internal", 24, null), today));
        Assert.Empty(EntryShape.Check(new EntryDraft(today.AddDays(31), "Internal", 0.01m, new string('n', 2000)), today));
        Assert.Equal(["The date must be between 2025-12-04 and 2027-01-05."], EntryShape.Check(new EntryDraft(today.AddDays(32), "Internal", 1, null), today)["date"]);
    }

    [Fact]
    public void Shape_EmptyDraft_NamesEveryField()
    {
        var errors = EntryShape.Check(new EntryDraft(null, " ", null, new string('n', 2001)), new DateOnly(2026, 12, 5));

        Assert.Equal(["date", "hours", "notes", "project"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Null(EntryShape.DayTotalError(new DateOnly(2026, 12, 5), 23.99m, 0.01m));
        Assert.NotNull(EntryShape.ReasonErrors("  "));
        Assert.Equal(["The project name is at most 100 characters."], EntryShape.Check(new EntryDraft(null, new string('p', 101), 1, null), new DateOnly(2026, 12, 5))["project"]);
    }
}
