using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using Whiteboard.Tests.Infrastructure;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// A room whose board's writer failed (the store lost its disk): a leave is done, and its seat given back, even when
/// the writer failed before reading it; connection changes sent after are dropped quietly.
/// </summary>
public sealed class StoppedRoomLeavingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_leave_queued_just_before_the_boards_writer_fails_is_done_and_gives_the_seat_back()
    {
        var store = new StoreThatBreaks();
        await using var rooms = LocalBoardGrains.Rooms(store, new ManualClock(), new BoardRoomOptions(), NullLoggerFactory.Instance);
        var board = await rooms.CreateBoardAsync(content: null, CancellationToken.None);
        var (room, alice) = (await rooms.JoinAsync(board.EditKey, ParticipantId.New(), "Alice", CancellationToken.None))!.Value;

        // The writer's turn is held storing Alice's ink; her leave goes into the room's inbox behind it. Then the disk
        // goes: the append fails, and so does reading the board back, which fails the writer with the leave unread.
        var drawing = room.SubmitAsync(alice, [Begin("s", 0, 0)], CancellationToken.None);
        await store.AppendHeld.WaitAsync(Patience);
        var leaving = rooms.LeaveAsync(room, alice);
        store.Break();

        await leaving.WaitAsync(Patience);
        Assert.Equal(0, rooms.Seated);
        Assert.True(rooms.HasRoomFor(board.Id));
        Assert.False((await drawing.WaitAsync(Patience)).IsAccepted);
    }

    [Fact]
    public async Task A_connection_that_drops_or_comes_back_on_a_board_whose_writer_failed_throws_nothing_into_its_page()
    {
        // A circuit's connection events and a join's last step reach the room after it may have stopped; a throw
        // there would end the person's page (review of issue 21).
        var store = new StoreThatBreaks();
        await using var rooms = LocalBoardGrains.Rooms(store, new ManualClock(), new BoardRoomOptions(), NullLoggerFactory.Instance);
        var board = await rooms.CreateBoardAsync(content: null, CancellationToken.None);
        var (room, alice) = (await rooms.JoinAsync(board.EditKey, ParticipantId.New(), "Alice", CancellationToken.None))!.Value;
        var drawing = room.SubmitAsync(alice, [Begin("s", 0, 0)], CancellationToken.None);
        await store.AppendHeld.WaitAsync(Patience);
        store.Break();
        Assert.False((await drawing.WaitAsync(Patience)).IsAccepted);

        await room.SetConnectedAsync(alice, connected: false, CancellationToken.None);
        await room.SetConnectedAsync(alice, connected: true, CancellationToken.None);
        await room.ResyncAsync(alice, CancellationToken.None);
    }

    /// <summary>The in-memory store, whose first append waits until <see cref="Break"/>, after which it and every load fail as a lost disk would.</summary>
    private sealed class StoreThatBreaks : IBoardStore
    {
        private readonly InMemoryBoardStore inner = new();
        private readonly TaskCompletionSource appendHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource broken = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once an append is waiting.</summary>
        public Task AppendHeld => appendHeld.Task;

        public void Break() => broken.TrySetResult();

        public Task CreateBoardAsync(BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken) =>
            inner.CreateBoardAsync(board, content, cancellationToken);

        public Task<BoardRecord?> FindAsync(BoardKey key, CancellationToken cancellationToken) => inner.FindAsync(key, cancellationToken);

        public Task<BoardRecord?> FindAsync(BoardId board, CancellationToken cancellationToken) => inner.FindAsync(board, cancellationToken);

        public Task UpdateAsync(BoardRecord board, CancellationToken cancellationToken) => inner.UpdateAsync(board, cancellationToken);

        public async Task AppendAsync(BoardId board, IReadOnlyList<StoredOperation> operations, DateTimeOffset changed, CancellationToken cancellationToken)
        {
            appendHeld.TrySetResult();
            await broken.Task;
            throw new IOException("The disk is gone.");
        }

        public Task SaveSnapshotAsync(BoardId board, long sequence, BoardStateRecord state, CancellationToken cancellationToken) =>
            broken.Task.IsCompleted ? throw new IOException("The disk is gone.") : inner.SaveSnapshotAsync(board, sequence, state, cancellationToken);

        public Task<StoredBoard> LoadAsync(BoardId board, CancellationToken cancellationToken) =>
            broken.Task.IsCompleted ? throw new IOException("The disk is gone.") : inner.LoadAsync(board, cancellationToken);

        public Task<string?> CheckAsync(CancellationToken cancellationToken) => inner.CheckAsync(cancellationToken);
    }
}
