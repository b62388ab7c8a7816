using Timesheets.Cli.Shared;
using Timesheets.Client;
using Timesheets.Client.Auth;
using Timesheets.Client.Management;

namespace Timesheets.Cli.Admin;

/// <summary>
/// The Management API client of an admin command, and the session behind it: a machine client's
/// when <see cref="ClientIdVariable"/> and <see cref="SecretVariable"/> are both set (a script; a new
/// token each run, nothing stored), else the login of <c>timesheets admin login</c> (a person's, or a
/// machine client's, renewed when <see cref="SecretVariable"/> is set).
/// </summary>
internal static class AdminSession
{
    public const string ClientIdVariable = "TIMESHEETS_ADMIN_CLIENT_ID";
    public const string SecretVariable = "TIMESHEETS_ADMIN_CLIENT_SECRET";

    /// <summary>How a machine client's login is named in the config (its account), before its client id.</summary>
    public const string MachineAccountPrefix = "client-";

    /// <summary>The client, or why there is none (a refused secret, an unreachable server).</summary>
    public static async Task<(ManagementClient? Api, ApiProblem? Problem)> OpenAsync(Connection connection, CancellationToken cancellationToken)
    {
        var context = connection.Context;
        var session = connection.Session(LoginProfile.Admin);
        if (context.Env(SecretVariable) is { } secret)
        {
            if (context.Env(ClientIdVariable) is { } clientId)
            {
                var started = await Machine(connection, clientId, secret).StartAsync(context.Clock, cancellationToken);
                if (started.Value is not { } machine)
                {
                    return (null, started.Problem);
                }

                session = machine;
            }
            else if (StoredMachine(connection) is { } stored && connection.Tokens(LoginProfile.Admin) is { } tokens)
            {
                // `admin login --client-id` remembered the client: with its secret at hand, its token is renewed as it expires.
                session = new TokenSession(tokens, Machine(connection, stored, secret), context.Clock);
            }
        }

        // Not disposed (as the API's client is not): a test's in-process handler outlives one command, and a CLI run is short.
        return (ManagementClient.Create(connection.Endpoints.Issuer, session, context.IdentityHandler), null);
    }

    /// <summary>The client id of the machine client logged in with <c>admin login --client-id</c>, or null (nobody, or a person).</summary>
    private static string? StoredMachine(Connection connection) =>
        connection.Config.Accounts.TryGetValue(LoginProfile.Admin.Key(connection.Endpoints.Issuer), out var account)
            && account.StartsWith(MachineAccountPrefix, StringComparison.Ordinal)
            ? account[MachineAccountPrefix.Length..]
            : null;

    /// <summary>A machine client's session for the Management API (client credentials).</summary>
    public static MachineRefresher Machine(Connection connection, string clientId, string secret) =>
        new(connection.Identity(clientId, secret), ManagementClient.AudienceFor(connection.Endpoints.Issuer));
}
