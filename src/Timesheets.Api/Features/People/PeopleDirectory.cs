using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Timesheets.Api.Features.People;

/// <summary>
/// The typed client of the issuer's Management API: <c>GET /api/v2/users-by-email</c> (Auth0's path
/// and shape, which Timesheets.Identity serves), with the API's own token (<see cref="ManagementToken"/>).
/// Every failure to get an answer — no connection, a timeout, a 5xx, a refused token — is
/// <see cref="PeopleUnavailableException"/>, never a guess.
/// </summary>
internal sealed partial class PeopleDirectory(HttpClient http, ManagementToken token, ILogger<PeopleDirectory> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The user with this email (compared case-insensitively), or null when nobody has it.</summary>
    public async Task<Person?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        string? refused = null;
        for (var attempt = 1; ; attempt++)
        {
            var bearer = await token.GetAsync(http, refused, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Get, "users-by-email?email=" + Uri.EscapeDataString(email));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            using var response = await SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
            {
                // The token stopped being good before its time (a revoked key, a new secret): one fresh try.
                refused = bearer;
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                LogRefused((int)response.StatusCode);
                throw new PeopleUnavailableException($"The Management API answered {(int)response.StatusCode} to a user lookup.");
            }

            return Pick(await ReadAsync(response, cancellationToken), email);
        }
    }

    /// <summary>An email belongs to one user; should the issuer hold several, an unblocked one counts.</summary>
    private static Person? Pick(List<DirectoryUser> users, string email) => users
        .Where(u => !string.IsNullOrEmpty(u.UserId) && string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase))
        .OrderBy(u => u.Blocked)
        .Select(u => new Person(u.UserId!, email, u.Blocked))
        .FirstOrDefault();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A refused connection, or HttpClient's own timeout (People:Timeout).
            LogUnreachable(ex.GetType().Name, ex.Message);
            throw new PeopleUnavailableException("The Management API could not be reached.", ex);
        }
    }

    private static async Task<List<DirectoryUser>> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<List<DirectoryUser>>(Json, cancellationToken) ?? [];
        }
        catch (JsonException ex)
        {
            throw new PeopleUnavailableException("The Management API's answer to a user lookup is not a list of users.", ex);
        }
    }

    /// <summary>The fields of Auth0's user object this check reads; the others are ignored.</summary>
    private sealed record DirectoryUser(
        [property: JsonPropertyName("user_id")] string? UserId,
        [property: JsonPropertyName("email")] string? Email,
        [property: JsonPropertyName("blocked")] bool Blocked);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Management API answered {Status} to a user lookup")]
    private partial void LogRefused(int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Management API could not be reached: {Error}: {Message}")]
    private partial void LogUnreachable(string error, string message);
}
