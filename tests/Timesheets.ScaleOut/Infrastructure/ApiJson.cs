using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Timesheets.ScaleOut.Infrastructure;

/// <summary>The API's snake_case JSON, and the few requests the topology tests make.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Day(int daysFromToday) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>POST /timesheets, with an <c>Idempotency-Key</c> when given.</summary>
    public static async Task<HttpResponseMessage> CreateEntryAsync(this HttpClient api, string day, decimal hours, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/timesheets")
        {
            Content = JsonContent.Create(new { date = day, project = "Internal", hours }, options: Options),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await api.SendAsync(request);
    }

    /// <summary>Asserts the status (showing the body when it differs) and returns the JSON body.</summary>
    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The entries of the caller's newest page (what the app opens on), or of one day.</summary>
    public static async Task<JsonElement> ListAsync(this HttpClient api, string? day = null) =>
        await (await api.GetAsync(day is null ? "/timesheets" : $"/timesheets?from={day}&to={day}")).ExpectAsync(HttpStatusCode.OK);
}
