using Microsoft.Data.Sqlite;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Integration;

/// <summary>The store's one writer: every kind of write, from many boards at once, lands in the order each board made it.</summary>
public sealed class StoreWriterTests : IAsyncDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("whiteboard-writer-").FullName;
    private readonly SqliteBoardStore store;

    public StoreWriterTests() => store = new SqliteBoardStore(Path.Combine(dataDirectory, "whiteboard.db"));

    public async ValueTask DisposeAsync()
    {
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }

    /// <summary>
    /// One board's life as its room writes it: created, 40 strokes appended one turn at a time, a snapshot
    /// after the 20th, renamed at the end; nothing waits for anything but its own board's last write.
    /// </summary>
    private async Task<BoardRecord> LiveAsync(int number)
    {
        var board = new BoardRecord(BoardId.New(), $"Board {number}", BoardKey.New(), BoardKey.New(), DateTimeOffset.UnixEpoch);
        await store.CreateBoardAsync(board, content: null, CancellationToken.None);
        var author = ParticipantId.New();
        var state = new BoardState();
        for (var sequence = 1; sequence <= 40; sequence++)
        {
            var operation = Rectangle($"r{sequence}", sequence, 0, sequence + 5, 5);
            state.Apply(author, operation);
            await store.AppendAsync(board.Id, [new StoredOperation(sequence, author, operation)], DateTimeOffset.UnixEpoch, CancellationToken.None);
            if (sequence == 20)
            {
                await store.SaveSnapshotAsync(board.Id, sequence, state.Capture(), CancellationToken.None);
            }
        }

        var renamed = board with { Name = $"Board {number}, renamed" };
        await store.UpdateAsync(renamed, CancellationToken.None);
        return renamed;
    }

    [Fact]
    public async Task Boards_created_drawn_snapshotted_and_renamed_at_once_all_land_whole()
    {
        var boards = await Task.WhenAll(Enumerable.Range(0, 12).Select(number => Task.Run(() => LiveAsync(number))));

        foreach (var board in boards)
        {
            Assert.Equal(board, await store.FindAsync(board.EditKey, CancellationToken.None));
            var stored = await store.LoadAsync(board.Id, CancellationToken.None);
            Assert.Equal(20, stored.SnapshotSequence);
            Assert.Equal(20, stored.Snapshot!.Elements!.Length);
            Assert.Equal(Enumerable.Range(21, 20).Select(sequence => (long)sequence), stored.Operations.Select(operation => operation.Sequence));
        }
    }

    [Fact]
    public async Task A_failed_change_fails_alone_and_the_writer_goes_on()
    {
        var board = new BoardRecord(BoardId.New(), "Twice", BoardKey.New(), BoardKey.New(), DateTimeOffset.UnixEpoch);
        await store.CreateBoardAsync(board, content: null, CancellationToken.None);

        await Assert.ThrowsAsync<SqliteException>(() => store.CreateBoardAsync(board, content: null, CancellationToken.None));
        var operation = Rectangle("r", 0, 0, 5, 5);
        await store.AppendAsync(board.Id, [new StoredOperation(1, ParticipantId.New(), operation)], DateTimeOffset.UnixEpoch, CancellationToken.None);

        Assert.Single((await store.LoadAsync(board.Id, CancellationToken.None)).Operations);
    }
}
