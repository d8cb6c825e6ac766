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

    [Fact]
    public void A_costly_request_takes_its_whole_cost_or_nothing_and_is_told_how_long_until_it_can_pay()
    {
        using var budget = new ClientBudget(perMinute: 60, burst: 10);
        var client = IPAddress.Parse("203.0.113.7");

        Assert.True(budget.TryTake(client, 7, out _));
        Assert.False(budget.TryTake(client, 4, out var wait));
        Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.True(budget.TryTake(client, 3, out _));
        Assert.False(budget.TryTake(client, 1, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => budget.TryTake(client, 11, out _));
    }
}
