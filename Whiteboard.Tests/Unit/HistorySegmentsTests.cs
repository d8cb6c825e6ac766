using Whiteboard.App.History;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// The stretches of history every board's history view shares stay bounded: a stretch weighs its operations (the one from
/// the empty start too, which has no checkpoint), each stretch counts, and there are 64 at most; the oldest used goes first.
/// </summary>
public sealed class HistorySegmentsTests
{
    /// <summary>An operation of 2,000 points of ink: 24,000 bytes of them.</summary>
    private static readonly HistoryOperation LongStroke = new(
        new StoredOperation(1, ParticipantId.New(), new BeginStroke(Id("s"), Black, Points([.. Enumerable.Range(0, 4_000).Select(n => (float)n)]))), null);

    /// <summary>A stretch from the empty board (no checkpoint) and <paramref name="operations"/> long strokes after it.</summary>
    private static HistorySegments.Segment FromTheStart(BoardId board, int operations) =>
        new(board, 0, null, [.. Enumerable.Repeat(LongStroke, operations)], operations);

    [Fact]
    public void Stretches_from_the_empty_start_weigh_their_operations_and_the_oldest_used_is_let_go()
    {
        var segments = new HistorySegments();
        var (first, second) = (BoardId.New(), BoardId.New());

        // Each about 48 MB of ink, of the 64 MB held at most: both cannot be held.
        segments.Keep(FromTheStart(first, 2_000));
        segments.Keep(FromTheStart(second, 2_000));

        Assert.Null(segments.Find(first, 1));
        Assert.NotNull(segments.Find(second, 1));
    }

    [Fact]
    public void A_stretch_heavier_than_all_that_is_held_is_not_held_and_the_others_stay()
    {
        var segments = new HistorySegments();
        var (small, huge) = (BoardId.New(), BoardId.New());
        segments.Keep(FromTheStart(small, 1));

        segments.Keep(FromTheStart(huge, 3_000));

        Assert.Null(segments.Find(huge, 1));
        Assert.NotNull(segments.Find(small, 1));
    }

    [Fact]
    public void At_most_64_stretches_are_held_however_little_each_holds()
    {
        var segments = new HistorySegments();
        var boards = Enumerable.Range(0, HistorySegments.MostStretches + 1).Select(_ => BoardId.New()).ToList();

        foreach (var board in boards)
        {
            segments.Keep(new HistorySegments.Segment(board, 0, null, [], 0));
        }

        Assert.Null(segments.Find(boards[0], 0));
        Assert.All(boards.Skip(1), board => Assert.NotNull(segments.Find(board, 0)));
    }
}
