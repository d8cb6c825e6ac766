using System.Net;
using Whiteboard.App.Security;

namespace Whiteboard.Tests.Unit;

public sealed class ClientBudgetTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void A_client_is_its_ipv4_address_or_its_ipv6_64(string address, string partition) =>
        Assert.Equal(partition, ClientBudget.PartitionOf(IPAddress.Parse(address)));
}
