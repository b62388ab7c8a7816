using System.Text;
using System.Text.Json;
using Timesheets.Api.Data;

namespace Timesheets.Api.Tests.Data;

/// <summary>What one batch of changes becomes on the wire: every owner once, each notification under PostgreSQL's 8000-byte limit.</summary>
public sealed class ChangeBroadcastTests
{
    [Fact]
    public void Payloads_ManyOwners_SplitUnderTheLimit_AndNameEveryOwnerOnce()
    {
        // 1,000 owners of 36 characters and a few with characters JSON escapes: far more than one notification holds.
        var owners = Enumerable.Range(0, 1000).Select(i => Guid.NewGuid().ToString()).Concat(["auth0|\"quoted\"", "üñï\u0001code", new string('x', 200)]).ToList();

        var payloads = ChangeBroadcast.Payloads("instance-a", all: false, owners);

        Assert.True(payloads.Length > 1);
        Assert.All(payloads, p => Assert.True(Encoding.UTF8.GetByteCount(p) < 8000, $"{Encoding.UTF8.GetByteCount(p)} bytes"));
        var messages = payloads.Select(p => JsonSerializer.Deserialize<ChangeMessage>(p)!).ToList();
        Assert.All(messages, m => Assert.Equal("instance-a", m.From));
        Assert.All(messages, m => Assert.False(m.All));
        Assert.Equal(owners.Order(StringComparer.Ordinal), messages.SelectMany(m => m.Owners).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Payloads_All_IsOneMessage()
    {
        var payload = Assert.Single(ChangeBroadcast.Payloads("instance-a", all: true, ["someone"]));
        var message = JsonSerializer.Deserialize<ChangeMessage>(payload)!;
        Assert.True(message.All);
        Assert.Empty(message.Owners);
    }
}
