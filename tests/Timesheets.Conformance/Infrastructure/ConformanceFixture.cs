namespace Timesheets.Conformance.Infrastructure;

/// <summary>
/// One real Identity server for the whole suite, reached only over HTTP (discovery, the login form,
/// token, userinfo, JWKS, logout), the way the OpenID Foundation's suite drives an OP.
/// </summary>
public sealed class ConformanceFixture : IAsyncLifetime
{
    public IdentityHost Host { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Host = new IdentityHost(TestDatabase.Sqlite("conformance"));
        _ = Host.Server; // start it: migrations, keys, seeding
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>A fresh browser: its own cookie jar, so no test sees another's session.</summary>
    public OidcTestClient NewBrowser() => Host.CreateOidcClient();
}

[CollectionDefinition(Name)]
public sealed class ConformanceCollection : ICollectionFixture<ConformanceFixture>
{
    public const string Name = "Conformance";
}

/// <summary>The slow module (a 30 s wait) runs beside the others on a server of its own.</summary>
[CollectionDefinition(Name)]
public sealed class SlowConformanceCollection : ICollectionFixture<ConformanceFixture>
{
    public const string Name = "Conformance (slow)";
}
