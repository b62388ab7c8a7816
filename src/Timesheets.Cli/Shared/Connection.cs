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

    /// <summary>The token cache of the login of <paramref name="profile"/> (the user's by default) at this issuer, or null.</summary>
    public FileTokenStore? Tokens(LoginProfile? profile = null)
    {
        profile ??= LoginProfile.User;
        return Config.Accounts.TryGetValue(profile.Key(Endpoints.Issuer), out var account)
            ? new FileTokenStore(Store.TokenFile(Endpoints.Issuer, profile.FileName(account)))
            : null;
    }

    /// <summary>The session of a login; with nobody logged in, every call answers <see cref="ProblemKind.LoginRequired"/>.</summary>
    public TokenSession Session(LoginProfile? profile = null) => new(Tokens(profile) ?? (ITokenStore)new MemoryTokenStore(), Identity(), Context.Clock);

    /// <summary>Keeps a login's tokens and remembers whose they are.</summary>
    public async Task SaveLoginAsync(LoginProfile profile, string account, TokenSet tokens, CancellationToken cancellationToken)
    {
        var issuer = Endpoints.Issuer;
        await new FileTokenStore(Store.TokenFile(issuer, profile.FileName(account))).SaveAsync(tokens, cancellationToken);
        await SaveAsync(c => c with { Accounts = new(c.Accounts) { [profile.Key(issuer)] = account } }, cancellationToken);
    }

    /// <summary>Revokes a login's refresh token and forgets its tokens; false when nobody was logged in.</summary>
    public async Task<bool> LogoutAsync(LoginProfile profile, CancellationToken cancellationToken)
    {
        if (Tokens(profile) is not { } store)
        {
            return false;
        }

        if (await store.LoadAsync(cancellationToken) is { RefreshToken: { } refreshToken }
            && await Identity().RevokeAsync(refreshToken, cancellationToken) is { } error)
        {
            // The local tokens go anyway: a session the user asked to end is not kept for a retry.
            await Context.Error.WriteLineAsync($"warning: the identity server did not confirm the revocation: {error}");
        }

        await store.ClearAsync(cancellationToken);
        var key = profile.Key(Endpoints.Issuer);
        await SaveAsync(c => c with { Accounts = c.Accounts.Where(a => a.Key != key).ToDictionary() }, cancellationToken);
        return true;
    }

    public TimesheetsClient Api() => Api(Session());

    public TimesheetsClient Api(TokenSession session)
    {
        // Not disposed: a test's in-process handler outlives one command, and a CLI run is short.
        var handler = new AuthorizingHandler(session) { InnerHandler = Context.ApiHandler ?? new SocketsHttpHandler() };
        return new TimesheetsClient(new HttpClient(handler, disposeHandler: false) { BaseAddress = Endpoints.Api, Timeout = TimeSpan.FromSeconds(100) });
    }

    public Task SaveAsync(Func<CliConfig, CliConfig> change, CancellationToken cancellationToken) => Store.UpdateAsync(change, cancellationToken);
}
