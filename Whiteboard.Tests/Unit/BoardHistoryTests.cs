using Whiteboard.App.History;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// What the history view is given: a timeline of at most 300 marks ending at the last moment, and a moment's time and who
/// was drawing in the minute before it; a moment outside the history is refused with the reason.
/// </summary>
public sealed class BoardHistoryTests
{
    private static readonly DateTimeOffset Morning = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly SeatedAuthor Ada = new("Ada", "#e03131"), Bo = new("Bo", "#1971c2"), Cy = new("Cy", "#2f9e44");

    private readonly InMemoryBoardStore store = new();
    private readonly BoardRecord board = new(BoardId.New(), "History", BoardKey.New(), BoardKey.New(), Morning);

    /// <summary>Appends one rectangle per author, each at its time, numbered on from <paramref name="first"/>.</summary>
    private async Task DrawAsync(long first, params (SeatedAuthor Author, TimeSpan After)[] turns)
    {
        var sequence = first;
        foreach (var (author, after) in turns)
        {
            await store.AppendAsync(board.Id, [new StoredOperation(sequence, ParticipantId.New(), Rectangle($"r{sequence}", 0, 0, 5, 5), author)],
                Morning + after, CancellationToken.None);
            sequence++;
        }
    }

    [Fact]
    public async Task A_moment_says_when_it_was_and_who_drew_in_the_minute_before_it_the_latest_first()
    {
        await store.CreateBoardAsync(board, content: null, CancellationToken.None);
        await DrawAsync(1, (Ada, TimeSpan.Zero), (Bo, TimeSpan.FromSeconds(30)), (Ada, TimeSpan.FromSeconds(40)), (Cy, TimeSpan.FromMinutes(2)));
        await store.SaveSnapshotAsync(board.Id, 3, new BoardState().Capture(), CancellationToken.None);
        var history = new BoardHistory(store);

        var third = await history.AtAsync(board.Id, 3, CancellationToken.None);
        var fourth = await history.AtAsync(board.Id, 4, CancellationToken.None);
        var empty = await history.AtAsync(board.Id, 0, CancellationToken.None);

        Assert.Equal(Morning.AddSeconds(40), third.At);
        Assert.Equal([new HistoryAuthor("Ada", "#e03131"), new HistoryAuthor("Bo", "#1971c2")], third.Drawing);
        Assert.Equal(Morning.AddMinutes(2), fourth.At);
        Assert.Equal([new HistoryAuthor("Cy", "#2f9e44")], fourth.Drawing);
        Assert.Equal((0, null), (empty.Board.Elements.Count, empty.At));
        Assert.Empty(empty.Drawing);
    }

    [Fact]
    public async Task A_long_history_s_timeline_has_at_most_300_marks_ending_at_its_last_moment()
    {
        await store.CreateBoardAsync(board, content: null, CancellationToken.None);
        await DrawAsync(1, [.. Enumerable.Range(0, 1_001).Select(n => (n % 2 == 0 ? Ada : Bo, TimeSpan.FromSeconds(n)))]);

        var timeline = await new BoardHistory(store).TimelineAsync(board.Id, CancellationToken.None);

        Assert.Equal((0L, 1_001L), (timeline.First, timeline.Last));
        Assert.InRange(timeline.Marks.Count, 250, BoardHistory.MostMarks);
        Assert.Equal(new HistoryMark(1_001, Morning.AddSeconds(1_000), new HistoryAuthor("Ada", "#e03131")), timeline.Marks[^1]);
        Assert.Equal(timeline.Marks.OrderBy(mark => mark.Sequence), timeline.Marks);
    }

    [Fact]
    public async Task A_moment_outside_the_history_is_refused_with_the_reason()
    {
        await store.CreateBoardAsync(board, content: null, CancellationToken.None);
        await DrawAsync(1, (Ada, TimeSpan.Zero), (Bo, TimeSpan.FromSeconds(1)));
        var history = new BoardHistory(store);

        var beyond = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => history.AtAsync(board.Id, 3, CancellationToken.None));
        var restored = await history.ElementsAtAsync(board.Id, -1, CancellationToken.None);

        Assert.StartsWith("This board's history runs from moment 0 to 2; there is no moment 3.", beyond.Message, StringComparison.Ordinal);
        Assert.Equal("This board's history runs from moment 0 to 2; there is no moment -1.", restored.Error);
    }
}
