using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.State;
using Whiteboard.Tests.Infrastructure;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// What a restore costs the board's writer: a moment is read from the history only for a restore that may be applied (its
/// seat may edit, its batch is sound and restores one moment), and each person restores a few moments a minute at most;
/// every other restore is refused with the reason, reading nothing and changing nothing.
/// </summary>
public sealed class WriterRestoreTests
{
    private const string Relay = "relay";

    private readonly ReadCountingStore store = new();
    private readonly ManualClock clock = new();
    private readonly BoardRecord board = new(BoardId.New(), "Restores", BoardKey.New(), BoardKey.New(), new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The writer of a board whose history holds two rectangles, one drawn after the other: moments 1 and 2.</summary>
    private async Task<BoardWriter> WriterAsync()
    {
        await store.CreateBoardAsync(board, content: null, CancellationToken.None);
        var ada = ParticipantId.New();
        await store.AppendAsync(board.Id,
            [new StoredOperation(1, ada, Rectangle("r1", 0, 0, 5, 5), null), new StoredOperation(2, ada, Rectangle("r2", 10, 0, 15, 5), null)],
            clock.GetUtcNow(), CancellationToken.None);
        return (await BoardWriter.LoadAsync(board.Id, store, clock, NullLogger.Instance, new BoardRoomOptions(), CancellationToken.None))!;
    }

    private static async Task<int> SeatAsync(BoardWriter writer, BoardKey key)
    {
        var answers = await writer.AskAsync(Relay, [new JoinRequest(ParticipantId.New().Value, key.Value, "Ada", Connected: true, PreviousSeat: 0)]);
        return answers.Answers[0].Seat;
    }

    private static async Task<string?> SubmitAsync(BoardWriter writer, int seat, params BoardMessage[] messages) =>
        (await writer.AskAsync(Relay, [new SubmitRequest(seat, messages)])).Answers[0].Rejection;

    private static BoardMessage Restore(string op, long sequence) => new("restore", Op: op, Sequence: sequence);

    [Fact]
    public async Task A_view_link_s_restore_is_refused_and_reads_nothing_of_the_history()
    {
        var writer = await WriterAsync();
        var viewer = await SeatAsync(writer, board.ViewKey);

        var refusal = await SubmitAsync(writer, viewer, Restore("v", 1));

        Assert.Equal("This is a view-only link: you can watch this board but not change it.", refusal);
        Assert.Equal(0, store.HistoryReads);
    }

    [Fact]
    public async Task A_batch_that_is_refused_reads_nothing_and_one_restoring_two_moments_is_refused_with_the_reason()
    {
        var writer = await WriterAsync();
        var editor = await SeatAsync(writer, board.EditKey);

        var unsound = await SubmitAsync(writer, editor, Restore("a", 1), new BoardMessage("nonsense"));
        var two = await SubmitAsync(writer, editor, Restore("b", 1), Restore("c", 2));
        var readsBefore = store.HistoryReads;
        var one = await SubmitAsync(writer, editor, Restore("d", 1));

        Assert.NotNull(unsound);
        Assert.Equal("A batch may restore one moment at most: send each restore on its own.", two);
        Assert.Equal(0, readsBefore);
        Assert.Null(one);
        Assert.True(store.HistoryReads > 0, "the restore that is applied reads its moment");
    }

    [Fact]
    public async Task A_person_restores_three_moments_a_minute_at_most_the_next_is_refused_until_the_minute_is_over()
    {
        var writer = await WriterAsync();
        var editor = await SeatAsync(writer, board.EditKey);
        Assert.Null(await SubmitAsync(writer, editor, Restore("a", 1)));
        Assert.Null(await SubmitAsync(writer, editor, Restore("b", 2)));
        Assert.Null(await SubmitAsync(writer, editor, Restore("c", 1)));
        var readsBefore = store.HistoryReads;

        var fourth = await SubmitAsync(writer, editor, Restore("d", 2));
        var readsForTheFourth = store.HistoryReads - readsBefore;
        clock.Advance(TimeSpan.FromSeconds(61));
        var later = await SubmitAsync(writer, editor, Restore("e", 2));

        Assert.Equal("You may restore 3 moments a minute at most: wait a moment, then restore it again.", fourth);
        Assert.Equal(0, readsForTheFourth);
        Assert.Null(later);
    }

    /// <summary>The in-memory store, counting the reads of its history.</summary>
    private sealed class ReadCountingStore : IBoardStore, IBoardHistoryStore
    {
        private readonly InMemoryBoardStore inner = new();
        private int historyReads;

        public int HistoryReads => Volatile.Read(ref historyReads);

        public Task CreateBoardAsync(BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken) =>
            inner.CreateBoardAsync(board, content, cancellationToken);

        public Task<BoardRecord?> FindAsync(BoardKey key, CancellationToken cancellationToken) => inner.FindAsync(key, cancellationToken);

        public Task<BoardRecord?> FindAsync(BoardId board, CancellationToken cancellationToken) => inner.FindAsync(board, cancellationToken);

        public Task UpdateAsync(BoardRecord board, CancellationToken cancellationToken) => inner.UpdateAsync(board, cancellationToken);

        public Task AppendAsync(BoardId board, IReadOnlyList<StoredOperation> operations, DateTimeOffset changed, CancellationToken cancellationToken) =>
            inner.AppendAsync(board, operations, changed, cancellationToken);

        public Task SaveSnapshotAsync(BoardId board, long sequence, BoardStateRecord state, CancellationToken cancellationToken) =>
            inner.SaveSnapshotAsync(board, sequence, state, cancellationToken);

        public Task<StoredBoard> LoadAsync(BoardId board, CancellationToken cancellationToken) => inner.LoadAsync(board, cancellationToken);

        public Task<string?> CheckAsync(CancellationToken cancellationToken) => inner.CheckAsync(cancellationToken);

        public Task<HistorySpan> ReadSpanAsync(BoardId board, CancellationToken cancellationToken) =>
            Counted(inner.ReadSpanAsync(board, cancellationToken));

        public Task<StoredCheckpoint?> ReadCheckpointAsync(BoardId board, long atMost, CancellationToken cancellationToken) =>
            Counted(inner.ReadCheckpointAsync(board, atMost, cancellationToken));

        public Task<IReadOnlyList<HistoryOperation>> ReadOperationsAsync(BoardId board, long after, long upTo, CancellationToken cancellationToken) =>
            Counted(inner.ReadOperationsAsync(board, after, upTo, cancellationToken));

        public Task<IReadOnlyList<HistoryStamp>> ReadStampsAsync(BoardId board, long every, CancellationToken cancellationToken) =>
            Counted(inner.ReadStampsAsync(board, every, cancellationToken));

        public Task<IReadOnlyList<HistoryStamp>> ReadStampsAsync(BoardId board, long after, long upTo, CancellationToken cancellationToken) =>
            Counted(inner.ReadStampsAsync(board, after, upTo, cancellationToken));

        private Task<T> Counted<T>(Task<T> read)
        {
            Interlocked.Increment(ref historyReads);
            return read;
        }
    }
}
