using Timesheets.Cli.Shared;
using Timesheets.Client;
using Timesheets.Client.Auth;
using Timesheets.Client.Management;

namespace Timesheets.Cli.Admin;

/// <summary>
/// The Management API client of an admin command, and the session behind it: a machine client's
/// when <see cref="ClientIdVariable"/> and <see cref="SecretVariable"/> are both set (a script; a new
/// token each run, nothing stored), else the login of <c>timesheets admin login</c>.
/// </summary>
internal static class AdminSession
{
    public const string ClientIdVariable = "TIMESHEETS_ADMIN_CLIENT_ID";
    public const string SecretVariable = "TIMESHEETS_ADMIN_CLIENT_SECRET";

    /// <summary>The client, or why there is none (a refused secret, an unreachable server).</summary>
    public static async Task<(ManagementClient? Api, ApiProblem? Problem)> OpenAsync(Connection connection, CancellationToken cancellationToken)
    {
        var context = connection.Context;
        var session = connection.Session(LoginProfile.Admin);
        if (context.Env(ClientIdVariable) is { } clientId && context.Env(SecretVariable) is { } secret)
        {
            var started = await Machine(connection, clientId, secret).StartAsync(context.Clock, cancellationToken);
            if (started.Value is not { } machine)
            {
                return (null, started.Problem);
            }

            session = machine;
        }

        // Not disposed (as the API's client is not): a test's in-process handler outlives one command, and a CLI run is short.
        return (ManagementClient.Create(connection.Endpoints.Issuer, session, context.IdentityHandler), null);
    }

    /// <summary>A machine client's session for the Management API (client credentials).</summary>
    public static MachineRefresher Machine(Connection connection, string clientId, string secret) =>
        new(connection.Identity(clientId, secret), ManagementClient.AudienceFor(connection.Endpoints.Issuer));
}
