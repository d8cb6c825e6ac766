using System.Net;
using Whiteboard.App.Images;

namespace Whiteboard.Tests.Unit;

/// <summary>The uploads an instance holds at once: bounded in all and for one client, and freed when each is done.</summary>
public sealed class ImageCheckSlotsTests
{
    [Fact]
    public void One_client_holds_a_few_slots_the_instance_a_few_more_and_a_finished_upload_frees_its_own()
    {
        var slots = new ImageCheckSlots();
        var script = IPAddress.Parse("203.0.113.7");

        var byScript = Enumerable.Range(0, ImageCheckSlots.PerClient).Select(_ => slots.TryTake(script)).ToList();
        Assert.All(byScript, Assert.NotNull);
        Assert.Null(slots.TryTake(script));

        var byOthers = Enumerable.Range(0, ImageCheckSlots.PerInstance - ImageCheckSlots.PerClient)
            .Select(n => slots.TryTake(IPAddress.Parse($"192.0.2.{n}"))).ToList();
        Assert.All(byOthers, Assert.NotNull);
        Assert.Null(slots.TryTake(IPAddress.Parse("192.0.2.200")));

        byScript[0]!.Dispose();
        byScript[0]!.Dispose();
        using var next = slots.TryTake(IPAddress.Parse("192.0.2.200"));
        Assert.NotNull(next);
        Assert.Null(slots.TryTake(script));
    }
}
