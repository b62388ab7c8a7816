using System.Globalization;

namespace Timesheets.Client.Tests.Infrastructure;

internal static class Entries
{
    public static EntryRequest On(DateOnly day, decimal hours, string project = "Internal", string? notes = null) =>
        new() { Date = day, Project = project, Hours = hours, Notes = notes };

    /// <summary>Every entry of the caller's on <paramref name="day"/>, as the server lists them.</summary>
    public static async Task<IReadOnlyList<EntryResponse>> OnDayAsync(this TimesheetsClient client, DateOnly day) =>
        (await client.ListEntriesAsync(new EntryQuery { From = day, To = day })).Value?.Items
        ?? throw new InvalidOperationException("The list failed.");

    /// <summary>Every entry of the caller's, following the pages.</summary>
    public static async Task<List<EntryResponse>> AllAsync(this TimesheetsClient client)
    {
        var page = await client.ListEntriesAsync(new EntryQuery { Limit = 200 });
        var all = new List<EntryResponse>();
        while (page.Value is { } value)
        {
            all.AddRange(value.Items);
            if (value.Next is null)
            {
                return all;
            }

            page = await client.NextPageAsync(value.Next);
        }

        throw new InvalidOperationException(page.Problem?.Message);
    }

    /// <summary>The value, or a failed assertion that shows the server's problem.</summary>
    public static T Ok<T>(this ApiResult<T> result)
        where T : class
    {
        Assert.True(result.IsSuccess, $"Expected success, got {result.Problem?.Status} {result.Problem?.Title}: {result.Problem?.Message}");
        return result.Value!;
    }

    /// <summary>The problem, or a failed assertion.</summary>
    public static ApiProblem Refused<T>(this ApiResult<T> result, ProblemKind kind, int status)
        where T : class
    {
        Assert.False(result.IsSuccess, "Expected a refusal, got success.");
        Assert.Equal(kind, result.Problem!.Kind);
        Assert.Equal(status, result.Problem.Status);
        return result.Problem;
    }

    public static string Iso(this DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
