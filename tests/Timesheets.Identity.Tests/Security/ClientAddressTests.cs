using System.Net;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Tests.Security;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("192.0.2.1", "192.0.2.2", false)]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1", true)]
    public void Key_IPv6ByItsSlash64_IPv4ByAddress(string a, string b, bool same) =>
        Assert.Equal(same, ClientAddress.Key(IPAddress.Parse(a)) == ClientAddress.Key(IPAddress.Parse(b)));
}
