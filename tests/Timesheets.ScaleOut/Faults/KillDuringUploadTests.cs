using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Timesheets.ScaleOut.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.ScaleOut.Faults;

/// <summary>
/// An API process killed (<c>kill -9</c>: a crash, an OOM kill) in the middle of a 100,000-row upload loses nothing and
/// stores nothing twice: the upload is one transaction, so PostgreSQL drops the killed run's rows, and the same file
/// sent again at the other instance skips the rows an earlier part stored (by <c>external_id</c>) and stores the rest.
/// The killed instance is started again at the end, so the shared topology stays whole for the other tests.
/// </summary>
[Collection(TopologyCollection.Name)]
public sealed class KillDuringUploadTests(Topology topology)
{
    private const int Rows = 100_000;

    /// <summary>The first rows of the file, stored by a part sent (and committed) before the big run.</summary>
    private const int SentBefore = 10_000;

    // Three people over 23 old days no other test writes (342–364 days ago, inside Entries:MaxDaysInPast 366):
    // about 1,450 rows of 0.01 h per person and day, 14.5 h, under the 24 h a day may hold.
    private static readonly string[] People = [IdentityHost.Employee, IdentityHost.Contractor, IdentityHost.Manager];
    private static readonly TimeSpan WritingTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Upload_ApiKilledInTheMiddle_RerunAtTheOtherInstance_StoresEveryRowOnce_AndSaysWhatItSkipped()
    {
        var batch = "kill-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var token = await topology.ImportTokenAsync();
        using var first = topology.ApiClientAt(0, token);
        first.Timeout = TimeSpan.FromMinutes(3);
        var part = await (await first.PostAsync("/timesheets/upload", Csv(batch, SentBefore))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(SentBefore, part.GetProperty("created").GetInt32());

        try
        {
            // The whole file at instance 0; killed once its transaction has written rows, before it commits.
            var running = first.PostAsync("/timesheets/upload", Csv(batch, Rows));
            await WaitUntilWritingAsync(running);
            await topology.Api.KillAsync(0);
            using (var killed = await running)
            {
                // Behind the load balancer the client sees a gateway error, never a success for rows that are not stored.
                Assert.Equal(HttpStatusCode.BadGateway, killed.StatusCode);
            }

            // Nothing of the killed run is stored, not even the rows it had written.
            Assert.Equal((SentBefore, SentBefore), await UploadedRows.CountAsync(topology.ApiDatabase, batch));

            // The same file again, through the proxy, which now sends everything to instance 1.
            using var api = topology.ApiClient(token).Http;
            api.Timeout = TimeSpan.FromMinutes(3);
            using var rerun = await api.PostAsync("/timesheets/upload", Csv(batch, Rows));
            Assert.Equal("1", rerun.Headers.GetValues(RoundRobinProxy.AnsweredByHeader).Single());
            var answer = await rerun.ExpectAsync(HttpStatusCode.OK);
            Assert.Equal((Rows, Rows - SentBefore, SentBefore),
                (answer.GetProperty("received").GetInt32(), answer.GetProperty("created").GetInt32(), answer.GetProperty("skipped").GetInt32()));
        }
        finally
        {
            if (!topology.Api[0].IsUp)
            {
                await topology.Api.StartAsync(0);
            }
        }

        Assert.Equal((Rows, Rows), await UploadedRows.CountAsync(topology.ApiDatabase, batch));
    }

    /// <summary>Polls PostgreSQL until the running upload's transaction has written rows; fails if it finished first.</summary>
    private async Task WaitUntilWritingAsync(Task<HttpResponseMessage> running)
    {
        var deadline = DateTime.UtcNow + WritingTimeout;
        while (!await UploadedRows.UploadWritingAsync(topology.ApiDatabase))
        {
            Assert.False(running.IsCompleted, "The upload finished before it could be killed in the middle.");
            Assert.True(DateTime.UtcNow < deadline, $"The upload wrote nothing within {WritingTimeout.TotalSeconds} s.");
            await Task.Delay(20);
        }
    }

    /// <summary>The first <paramref name="rows"/> rows of the upload file (about 65 bytes a row), each with its own external id.</summary>
    private static ByteArrayContent Csv(string batch, int rows)
    {
        var csv = new StringBuilder("user_id,date,project,hours,external_id\n", rows * 70);
        for (var i = 0; i < rows; i++)
        {
            csv.Append(People[i % People.Length]).Append(',').Append(ApiJson.Day(-342 - (i / People.Length % 23)))
                .Append(",Internal,0.01,").Append(batch).Append(i.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }
}
