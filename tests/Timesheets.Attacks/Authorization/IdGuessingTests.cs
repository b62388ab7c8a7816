using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Timesheets.Attacks.Infrastructure;

namespace Timesheets.Attacks.Authorization;

/// <summary>
/// Entry ids are sequential, so anyone can guess them: another person's entry must look exactly
/// like one that does not exist (404, no hint it is there) and must come out of every attempt unchanged.
/// </summary>
[Collection(AttackCollection.Name)]
public sealed class IdGuessingTests(AttackFixture fixture)
{
    public static TheoryData<string> Others => new(Caller.Contractor.Name, Caller.Manager.Name, Caller.Admin.Name);

    [Theory]
    [MemberData(nameof(Others))]
    public async Task OthersEntry_ReadWrittenOrDeletedById_Returns404AndStaysUnchanged(string attackerName)
    {
        using var owner = await fixture.ApiClientAsync(Caller.Employee);
        var created = await owner.PostAsJsonAsync("/timesheets", new { date = fixture.NextDay().ToString("yyyy-MM-dd"), project = "Internal", hours = 2, notes = "mine" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var before = await owner.GetAsync($"/timesheets/{id}");
        var beforeBody = await before.Content.ReadAsStringAsync();
        var etag = before.Headers.ETag?.ToString() ?? "*";

        using var attacker = await fixture.ApiClientAsync(Caller.Named(attackerName));
        var unknown = await attacker.GetAsync("/timesheets/987654321");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var attempts = new List<HttpRequestMessage>
        {
            new(HttpMethod.Get, $"/timesheets/{id}"),
            new(HttpMethod.Put, $"/timesheets/{id}") { Content = JsonContent.Create(new { date = "2026-01-05", project = "Internal", hours = 9, notes = "stolen" }) },
            new(HttpMethod.Delete, $"/timesheets/{id}"),
        };
        // An attacker who also guesses the ETag (or sends the wildcard) gets no further.
        foreach (var ifMatch in new[] { etag, "*" })
        {
            var put = new HttpRequestMessage(HttpMethod.Put, $"/timesheets/{id}") { Content = JsonContent.Create(new { date = "2026-01-05", project = "Internal", hours = 9 }) };
            put.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            var delete = new HttpRequestMessage(HttpMethod.Delete, $"/timesheets/{id}");
            delete.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            attempts.AddRange([put, delete]);
        }

        foreach (var attempt in attempts)
        {
            using var response = await attacker.SendAsync(attempt);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{attempt.Method} as {attackerName}: {(int)response.StatusCode} {body}");
            Assert.DoesNotContain("mine", body, StringComparison.Ordinal);
            attempt.Dispose();
        }

        var list = await attacker.GetStringAsync("/timesheets");
        Assert.DoesNotContain($"\"id\":{id},", list, StringComparison.Ordinal);
        var after = await owner.GetAsync($"/timesheets/{id}");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(beforeBody, await after.Content.ReadAsStringAsync());
    }
}
