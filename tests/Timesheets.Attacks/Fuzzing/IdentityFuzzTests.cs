using System.Text.Json;
using Timesheets.Attacks.Infrastructure;

namespace Timesheets.Attacks.Fuzzing;

/// <summary>
/// Thousands of malformed requests at the Identity server's endpoints: never a 5xx; OAuth endpoints
/// answer with an RFC 6749 error, browser endpoints with an HTML page or a redirect; no row written.
/// </summary>
[Collection(AttackCollection.Name)]
public sealed class IdentityFuzzTests(AttackFixture fixture)
{
    private const int Seed = 4_2026;
    private const int Requests = 2_000;

    private static readonly (string Method, string Path)[] Endpoints =
    [
        ("GET", "/authorize"), ("POST", "/authorize"), ("POST", "/oauth/token"), ("POST", "/oauth/revoke"),
        ("GET", "/userinfo"), ("POST", "/userinfo"), ("GET", "/v2/logout"), ("POST", "/v2/logout"),
        ("GET", "/account/login"), ("POST", "/account/login"), ("POST", "/oauth/device/code"), ("GET", "/activate"), ("POST", "/activate"),
    ];

    // Half the requests start from a plausible prefix, so the fuzz reaches past "unknown client".
    private static readonly string[] AuthorizePrefixes =
    [
        "client_id=timesheets-mobile&redirect_uri=com.exampleco.timesheets%3A%2Fcallback&response_type=code",
        "client_id=timesheets-mobile&response_type=code&scope=openid",
        "client_id=timesheets-import",
    ];

    private static readonly string[] TokenPrefixes =
    [
        "grant_type=authorization_code&client_id=timesheets-mobile", "grant_type=refresh_token&client_id=timesheets-mobile",
        "grant_type=client_credentials&client_id=timesheets-import", "grant_type=password&client_id=timesheets-cli",
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=timesheets-cli", "token=abc&client_id=timesheets-mobile",
    ];

    [Fact]
    public async Task EveryIdentityEndpoint_FuzzedWithMalformedRequests_AnswersOAuthErrorOrPageAndWritesNothing()
    {
        using var client = fixture.Identity.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var requests = Generate();
        _ = await fixture.TokenAsync(Caller.Employee);
        var before = await fixture.RowCountsAsync();

        var failures = await FuzzRunner.RunAsync(fixture, client, requests, Check);

        // Both verdicts in one message: a rule broken and a row written are separate findings.
        var changed = FuzzRunner.Changes(before, await fixture.RowCountsAsync());
        Assert.True(failures.Count == 0 && changed.Count == 0, $"Rows changed: {string.Join(", ", changed)}{Environment.NewLine}{FuzzRunner.Report(failures)}");
    }

    private static string? Check(FuzzRequest request, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status < 400 && (status < 300 || response.Headers.Location is not null))
        {
            return null;
        }

        if (status is >= 300 and < 400)
        {
            return "a redirect without a Location";
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (IsOAuthError(mediaType, body))
        {
            return null;
        }

        var path = request.Target.Split('?')[0];
        switch (path)
        {
            // Machine-facing OAuth endpoints: an RFC 6749 error and nothing else.
            case "/oauth/token" or "/oauth/revoke" or "/oauth/device/code":
                return "not an OAuth error";
            // A protected resource (RFC 6750 §3): its error may travel in WWW-Authenticate alone; the server's error page is fine too.
            case "/userinfo":
                return (status == 401 && response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer")) || mediaType == "text/html"
                    ? null
                    : "neither an OAuth error, a Bearer challenge nor the error page";
            // Pages a person sees, and paths the fuzzer bent out of any route: an HTML page or a problem.
            default:
                return mediaType is "text/html" or "application/problem+json" ? null : "neither an OAuth error, an HTML page nor a problem";
        }
    }

    private static bool IsOAuthError(string? mediaType, string body)
    {
        if (mediaType is null || !mediaType.Contains("json", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static List<FuzzRequest> Generate()
    {
        var generator = new FuzzGenerator(Seed);
        var requests = new List<FuzzRequest>(Requests);
        for (var i = 0; i < Requests; i++)
        {
            var (method, path) = Endpoints[i % Endpoints.Length];
            var request = generator.Next(method, path);
            if (generator.Chance(0.5))
            {
                var prefix = generator.Pick(path == "/oauth/token" || path == "/oauth/revoke" ? TokenPrefixes : AuthorizePrefixes);
                request = method == "POST" && path != "/authorize" && generator.Chance(0.7)
                    ? request with { ContentType = "application/x-www-form-urlencoded", Body = System.Text.Encoding.UTF8.GetBytes(prefix + "&" + System.Text.Encoding.UTF8.GetString(request.Body ?? [])) }
                    : request with { Target = path + "?" + prefix + "&" + (request.Target.Split('?', 2) is [_, var query] ? query : "") };
            }

            if (path == "/userinfo" && generator.Chance(0.3))
            {
                request = request with { AsCaller = Caller.Employee.Name };
            }
            else if (generator.BogusAuthorization() is { } bogus && generator.Chance(0.3))
            {
                request = request with { Headers = [.. request.Headers, new("Authorization", bogus)] };
            }

            requests.Add(request);
        }

        return requests;
    }
}
