using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Attacks.Infrastructure;

namespace Timesheets.Attacks.Authorization;

/// <summary>
/// Every operation the API publishes, called by every caller: the expected status follows from the
/// operation's declared scope and the caller's scopes, never from a hand-written list.
/// </summary>
[Collection(AttackCollection.Name)]
public sealed class AuthorizationMatrixTests(AttackFixture fixture)
{
    // An id no row has: a caller who passes authorization gets a 404 or a validation problem, not data.
    private const string UnknownId = "987654321";

    public static TheoryData<string> Callers => new(Caller.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task EveryEndpoint_CalledByCaller_AnswersWhatItsScopesAllow(string callerName)
    {
        var caller = Caller.Named(callerName);
        using var client = await fixture.ApiClientAsync(caller);
        var operations = await ApiOperation.ReadAllAsync(client);
        Assert.True(operations.Count(o => o.Scopes is not null) >= 15, $"Only {operations.Count} operations published: {string.Join(", ", operations)}");

        var failures = new List<string>();
        foreach (var operation in operations)
        {
            using var request = new HttpRequestMessage(new HttpMethod(operation.Method), operation.PathWith(UnknownId));
            if (operation.Method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var expected = Expect(operation, caller);
            var ok = expected switch
            {
                Expected.Unauthorized => status == 401,
                Expected.Forbidden => status == 403,
                _ => status is not (401 or 403) and < 500,
            };
            if (!ok)
            {
                failures.Add($"{operation} as {caller}: expected {expected}, got {status} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Me_OfEachCaller_ListsExactlyTheApiScopesTheProductGrants(string callerName)
    {
        // The matrix trusts these sets; a role that quietly gained a scope would make it expect too little.
        var caller = Caller.Named(callerName);
        if (caller.IsAnonymous)
        {
            return;
        }

        using var client = await fixture.ApiClientAsync(caller);
        var me = JsonDocument.Parse(await client.GetStringAsync("/me")).RootElement;
        var apiScopes = me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).Where(ApiScopes.All.Contains).Order(StringComparer.Ordinal);
        Assert.Equal(caller.Scopes.Order(StringComparer.Ordinal), apiScopes);
    }

    [Fact]
    public async Task EveryProtectedRoute_InTheRunningApi_IsInTheOpenApiDocument()
    {
        // The matrix is generated from the document, so a route left out of it would escape the matrix.
        using var client = fixture.Api.CreateClient();
        var published = (await ApiOperation.ReadAllAsync(client)).Select(o => $"{o.Method} {Normalize(o.Path)}").ToHashSet();
        var routes = fixture.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} {Normalize("/" + e.RoutePattern.RawText!.TrimStart('/'))}"))
            .ToList();
        Assert.NotEmpty(routes);
        Assert.All(routes, route => Assert.Contains(route, published));
    }

    private enum Expected
    {
        Unauthorized,
        Forbidden,
        Allowed,
    }

    private static Expected Expect(ApiOperation operation, Caller caller)
    {
        if (operation.Scopes is null)
        {
            return Expected.Allowed;
        }

        if (caller.IsAnonymous)
        {
            return Expected.Unauthorized;
        }

        // A security requirement lists the scopes that must all be present; an empty list means any valid token.
        return operation.Scopes.All(caller.Scopes.Contains) ? Expected.Allowed : Expected.Forbidden;
    }

    // "/timesheets/{id:long}" in routing is "/timesheets/{id}" in OpenAPI; trailing slashes of group roots differ too.
    private static string Normalize(string path) =>
        System.Text.RegularExpressions.Regex.Replace(path, ":[^}]+\\}", "}").TrimEnd('/') is { Length: > 0 } p ? p : "/";
}
