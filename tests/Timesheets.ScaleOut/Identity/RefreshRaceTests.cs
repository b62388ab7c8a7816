using System.Net;
using Timesheets.ScaleOut.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.ScaleOut.Identity;

/// <summary>
/// One refresh token sent to both Identity instances at the same moment (a client retrying on a timeout, or a
/// stolen copy used alongside the real one): the token store in PostgreSQL lets exactly one redemption win, and
/// the other is a reuse, which revokes the whole grant (docs/identity.md, "Refresh tokens"): the winner's new
/// refresh token fails too, and the user logs in again.
/// </summary>
[Collection(TopologyCollection.Name)]
public sealed class RefreshRaceTests(Topology topology)
{
    [Fact]
    public async Task Refresh_SameTokenAtBothInstancesAtOnce_OneSucceeds_AndTheGrantIsRevoked()
    {
        var (login, _) = topology.IdentityClient();
        using (login)
        {
            var tokens = await login.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword);
            var (first, pinFirst) = topology.IdentityClient();
            var (second, pinSecond) = topology.IdentityClient();
            using (first)
            using (second)
            {
                pinFirst.Instance = 0;
                pinSecond.Instance = 1;
                var answers = await Task.WhenAll(first.RefreshAsync(tokens.RefreshToken!), second.RefreshAsync(tokens.RefreshToken!));

                var winner = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
                var loser = await OidcTestClient.ExpectErrorAsync(Assert.Single(answers, a => a.StatusCode != HttpStatusCode.OK));
                Assert.Equal((400, "invalid_grant"), (loser.Status, loser.Error));

                var newToken = (await OidcTestClient.ExpectTokensAsync(winner)).RefreshToken!;
                foreach (var instance in new[] { 0, 1 })
                {
                    pinFirst.Instance = instance;
                    var revoked = await OidcTestClient.ExpectErrorAsync(await first.RefreshAsync(newToken));
                    Assert.Equal((400, "invalid_grant"), (revoked.Status, revoked.Error));
                }
            }
        }
    }
}
