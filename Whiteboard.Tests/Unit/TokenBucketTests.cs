using Whiteboard.App.Boards;
using Whiteboard.Shared.Validation;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Unit;

public sealed class TokenBucketTests
{
    [Fact]
    public void A_flood_of_a_thousand_operations_a_second_is_held_back_and_a_person_drawing_is_not()
    {
        var clock = new ManualClock();
        var flood = new TokenBucket(clock, BoardLimits.OperationsPerSecond, BoardLimits.OperationBurst);
        var refused = 0;
        for (var i = 0; i < 3_000; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            refused += flood.TryTake(1) ? 0 : 1;
        }

        // Three seconds at 1,000 a second: the burst and 400 a second get through, the rest are refused.
        Assert.Equal(3_000 - BoardLimits.OperationBurst - (3 * BoardLimits.OperationsPerSecond), refused, tolerance: 2);

        var drawing = new TokenBucket(clock, BoardLimits.OperationsPerSecond, BoardLimits.OperationBurst);
        for (var frame = 0; frame < 60 * 60; frame++)
        {
            clock.Advance(TimeSpan.FromSeconds(1.0 / 60));
            Assert.True(drawing.TryTake(3), $"a minute of drawing at 60 frames a second was held back at frame {frame}");
        }
    }

    [Fact]
    public void A_pointer_sent_30_times_a_second_always_gets_through_and_a_flood_mostly_does_not()
    {
        var clock = new ManualClock();
        var pointer = new TokenBucket(clock, BoardLimits.PointerMovesPerSecond, BoardLimits.PointerMoveBurst);
        for (var move = 0; move < 30 * 60; move++)
        {
            clock.Advance(TimeSpan.FromSeconds(1.0 / 30));
            Assert.True(pointer.TryTake(1), $"a minute of pointer moves at 30 a second was held back at move {move}");
        }

        var passed = 0;
        for (var i = 0; i < 10_000; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(0.1));
            passed += pointer.TryTake(1) ? 1 : 0;
        }

        // One second at 10,000 a second: the burst and one second's worth get through.
        Assert.Equal(BoardLimits.PointerMoveBurst + BoardLimits.PointerMovesPerSecond, passed, tolerance: 2);
    }
}
