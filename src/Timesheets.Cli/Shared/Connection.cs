using Timesheets.Cli.Config;
using Timesheets.Cli.Login;
using Timesheets.Client;
using Timesheets.Client.Auth;

namespace Timesheets.Cli.Shared;

/// <summary>The config, the endpoints and the logged-in user's session, as every command needs them.</summary>
internal sealed class Connection(CliContext context, ConfigStore store, CliConfig config)
{
    public const string ClientId = "timesheets-cli";

    public CliContext Context { get; } = context;

    public ConfigStore Store { get; } = store;

    public CliConfig Config { get; } = config;

    public Endpoints Endpoints { get; } = Endpoints.Resolve(context, config);

    public static async Task<Connection> OpenAsync(CliContext context, CancellationToken cancellationToken)
    {
        var store = ConfigStore.For(context);
        return new Connection(context, store, await store.LoadAsync(cancellationToken));
    }

    public IdentityClient Identity(string clientId = ClientId, string? secret = null) =>
        new(Context.IdentityHttp(), Endpoints.Issuer, clientId, Context.Clock) { ClientSecret = secret };

    /// <summary>The token cache of the user logged in at this issuer, or null.</summary>
    public FileTokenStore? Tokens() =>
        Config.Accounts.TryGetValue(Endpoints.Issuer.ToString(), out var user) ? new FileTokenStore(Store.TokenFile(Endpoints.Issuer, user)) : null;

    /// <summary>The user's session; with nobody logged in, every call answers <see cref="ProblemKind.LoginRequired"/>.</summary>
    public TokenSession Session() => new(Tokens() ?? (ITokenStore)new MemoryTokenStore(), Identity(), Context.Clock);

    public TimesheetsClient Api() => Api(Session());

    public TimesheetsClient Api(TokenSession session)
    {
        // Not disposed: a test's in-process handler outlives one command, and a CLI run is short.
        var handler = new AuthorizingHandler(session) { InnerHandler = Context.ApiHandler ?? new SocketsHttpHandler() };
        return new TimesheetsClient(new HttpClient(handler, disposeHandler: false) { BaseAddress = Endpoints.Api, Timeout = TimeSpan.FromSeconds(100) });
    }

    public Task SaveAsync(Func<CliConfig, CliConfig> change, CancellationToken cancellationToken) => Store.UpdateAsync(change, cancellationToken);
}
