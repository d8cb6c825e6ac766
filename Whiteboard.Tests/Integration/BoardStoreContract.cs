using System.Data.Common;
using System.Text.Json;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// What every board store does, run against each (SQLite, PostgreSQL): every kind of write, from many boards at
/// once, lands in the order each board made it; what was acknowledged is there for the next instance; a sequence
/// is stored once; snapshots keep points exactly and refuse damage.
/// </summary>
public abstract partial class BoardStoreContract : IAsyncLifetime
{
    private static readonly float[] Awkward = [0.1f, -123.456f, 0.5f, 1e-7f, 999_999.9f, 1f, -0f, 3.4028e5f, 0f];

    private readonly List<IBoardStore> opened = [];

    protected IBoardStore Store { get; private set; } = null!;

    /// <summary>A store on this test's database: a second one is another instance of the app on the same data.</summary>
    protected abstract Task<IBoardStore> CreateStoreAsync();

    /// <summary>Writes a board's snapshot as this text, past the store, as a damaged or an earlier build's row would be.</summary>
    protected abstract Task StoreSnapshotTextAsync(BoardId board, string state);

    protected async Task<IBoardStore> OpenStoreAsync()
    {
        var store = await CreateStoreAsync();
        opened.Add(store);
        return store;
    }

    public async Task InitializeAsync() => Store = await OpenStoreAsync();

    public virtual async Task DisposeAsync()
    {
        foreach (var store in opened)
        {
            await ((IAsyncDisposable)store).DisposeAsync();
        }
    }

    protected static BoardRecord NewBoard(string name) => new(BoardId.New(), name, BoardKey.New(), BoardKey.New(), DateTimeOffset.UnixEpoch);

    private static BoardStateRecord StrokeOf(float[] points) =>
        new(BoardStateRecord.CurrentVersion, [new ElementRecord("stroke", "s", points, "#000000", 4, Author: ParticipantId.New().Value)], [], []);

    private async Task<float[]> LoadedPointsAsync(BoardId board)
    {
        var loaded = await Store.LoadAsync(board, CancellationToken.None);
        var stroke = Assert.IsType<Stroke>(Assert.Single(BoardState.Restore(loaded.Snapshot).Value!.Elements()));
        return ElementRecord.Flatten(stroke.Points.Span);
    }

    /// <summary>
    /// One board's life as its room writes it: created, 40 strokes appended one turn at a time, a snapshot
    /// after the 20th, renamed at the end; nothing waits for anything but its own board's last write.
    /// </summary>
    private async Task<BoardRecord> LiveAsync(int number)
    {
        var board = NewBoard($"Board {number}");
        await Store.CreateBoardAsync(board, content: null, CancellationToken.None);
        var author = ParticipantId.New();
        var state = new BoardState();
        for (var sequence = 1; sequence <= 40; sequence++)
        {
            var operation = Rectangle($"r{sequence}", sequence, 0, sequence + 5, 5);
            state.Apply(author, operation);
            await Store.AppendAsync(board.Id, [new StoredOperation(sequence, author, operation)], DateTimeOffset.UnixEpoch, CancellationToken.None);
            if (sequence == 20)
            {
                await Store.SaveSnapshotAsync(board.Id, sequence, state.Capture(), CancellationToken.None);
            }
        }

        var renamed = board with { Name = $"Board {number}, renamed" };
        await Store.UpdateAsync(renamed, CancellationToken.None);
        return renamed;
    }

    [Fact]
    public async Task Boards_created_drawn_snapshotted_and_renamed_at_once_all_land_whole()
    {
        var boards = await Task.WhenAll(Enumerable.Range(0, 12).Select(number => Task.Run(() => LiveAsync(number))));

        foreach (var board in boards)
        {
            Assert.Equal(board, await Store.FindAsync(board.EditKey, CancellationToken.None));
            var stored = await Store.LoadAsync(board.Id, CancellationToken.None);
            Assert.Equal(20, stored.SnapshotSequence);
            Assert.Equal(20, stored.Snapshot!.Elements!.Length);
            Assert.Equal(Enumerable.Range(21, 20).Select(sequence => (long)sequence), stored.Operations.Select(operation => operation.Sequence));
        }
    }

    [Fact]
    public async Task What_was_acknowledged_is_there_for_the_next_instance_with_its_record_and_both_keys()
    {
        var board = NewBoard("Kept") with { Changed = new DateTimeOffset(2026, 12, 6, 7, 8, 9, TimeSpan.Zero) };
        await Store.CreateBoardAsync(board, StrokeOf([1, 2, 3, 4]), CancellationToken.None);
        var author = ParticipantId.New();
        var changed = board.Changed.AddMinutes(5);
        await Store.AppendAsync(board.Id,
            [new StoredOperation(1, author, Rectangle("a", 0, 0, 5, 5)), new StoredOperation(2, author, Rectangle("b", 5, 5, 9, 9))],
            changed, CancellationToken.None);

        var next = await OpenStoreAsync();

        Assert.Equal(board with { Changed = changed }, await next.FindAsync(board.ViewKey, CancellationToken.None));
        Assert.Equal(board with { Changed = changed }, await next.FindAsync(board.EditKey, CancellationToken.None));
        Assert.Null(await next.FindAsync(BoardKey.New(), CancellationToken.None));
        Assert.Equal(board with { Changed = changed }, await next.FindAsync(board.Id, CancellationToken.None));
        Assert.Null(await next.FindAsync(BoardId.New(), CancellationToken.None));
        var loaded = await next.LoadAsync(board.Id, CancellationToken.None);
        Assert.Equal(0, loaded.SnapshotSequence);
        Assert.Single(loaded.Snapshot!.Elements!);
        Assert.Equal([1L, 2L], loaded.Operations.Select(operation => operation.Sequence));
        Assert.Equal([author, author], loaded.Operations.Select(operation => operation.Author));
        Assert.Equal(Rectangle("b", 5, 5, 9, 9), loaded.Operations[1].Operation);
        Assert.Null(await next.CheckAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_change_fails_alone_and_the_writer_goes_on()
    {
        var board = NewBoard("Twice");
        await Store.CreateBoardAsync(board, content: null, CancellationToken.None);

        await Assert.ThrowsAnyAsync<DbException>(() => Store.CreateBoardAsync(board, content: null, CancellationToken.None));
        var operation = Rectangle("r", 0, 0, 5, 5);
        await Store.AppendAsync(board.Id, [new StoredOperation(1, ParticipantId.New(), operation)], DateTimeOffset.UnixEpoch, CancellationToken.None);

        Assert.Single((await Store.LoadAsync(board.Id, CancellationToken.None)).Operations);
    }

    [Fact]
    public async Task An_operation_stored_again_at_its_sequence_is_refused_whole_and_the_first_stays()
    {
        var board = NewBoard("Once");
        await Store.CreateBoardAsync(board, content: null, CancellationToken.None);
        var author = ParticipantId.New();
        await Store.AppendAsync(board.Id, [new StoredOperation(1, author, Rectangle("first", 0, 0, 5, 5))], DateTimeOffset.UnixEpoch, CancellationToken.None);

        await Assert.ThrowsAnyAsync<Exception>(() => Store.AppendAsync(board.Id,
            [new StoredOperation(1, author, Rectangle("again", 0, 0, 9, 9)), new StoredOperation(2, author, Rectangle("next", 1, 1, 2, 2))],
            DateTimeOffset.UnixEpoch, CancellationToken.None));

        var stored = Assert.Single((await Store.LoadAsync(board.Id, CancellationToken.None)).Operations);
        Assert.Equal(Rectangle("first", 0, 0, 5, 5), stored.Operation);
    }

    [Fact]
    public async Task Points_come_back_exactly_as_they_were_stored()
    {
        var board = NewBoard("Snapshot");
        await Store.CreateBoardAsync(board, StrokeOf(Awkward), CancellationToken.None);

        Assert.Equal(Awkward, await LoadedPointsAsync(board.Id));
    }

    [Fact]
    public async Task A_snapshot_written_with_number_lists_by_an_earlier_build_still_loads()
    {
        var board = NewBoard("Snapshot");
        await Store.CreateBoardAsync(board, StrokeOf([1, 2, 0.5f]), CancellationToken.None);
        await StoreSnapshotTextAsync(board.Id, JsonSerializer.Serialize(StrokeOf(Awkward), new JsonSerializerOptions(JsonSerializerDefaults.Web)));

        Assert.Equal(Awkward, await LoadedPointsAsync(board.Id));
    }

    [Fact]
    public async Task Text_stored_before_noncharacters_were_refused_still_opens_with_them_replaced()
    {
        // A board that took U+FFFE or U+FFFF before issue 21 refused them must not become one nobody can open.
        var board = NewBoard("Older text");
        var author = ParticipantId.New();
        await Store.CreateBoardAsync(board, new BoardStateRecord(BoardStateRecord.CurrentVersion,
            [new ElementRecord("text", "t1", [10, 10], "#000000", 4, Author: author.Value, Text: "snap\uFFFEshot")], [], []), CancellationToken.None);
        await Store.AppendAsync(board.Id, [new StoredOperation(1, author, new PlaceText(Id("t2"), Black, new BoardPoint(20, 20), "oper\uFFFFation"))],
            DateTimeOffset.UnixEpoch, CancellationToken.None);

        var loaded = await Store.LoadAsync(board.Id, CancellationToken.None);

        var inSnapshot = Assert.IsType<Text>(Assert.Single(BoardState.Restore(loaded.Snapshot).Value!.Elements()));
        Assert.Equal("snap\uFFFDshot", inSnapshot.Content);
        Assert.Equal("oper\uFFFDation", Assert.IsType<PlaceText>(Assert.Single(loaded.Operations).Operation).Content);
    }

    [Theory]
    [InlineData("\"AAA=\"")] // two bytes: not a whole 32-bit float
    [InlineData("\"not base64!\"")]
    [InlineData("[1, \"2\", 3]")]
    [InlineData("{}")]
    public async Task A_snapshot_with_damaged_points_is_refused_as_damaged(string points)
    {
        var board = NewBoard("Snapshot");
        await Store.CreateBoardAsync(board, StrokeOf([1, 2, 0.5f]), CancellationToken.None);
        await StoreSnapshotTextAsync(board.Id,
            $$"""{"version":1,"elements":[{"type":"stroke","id":"s","points":{{points}},"color":"#000000","width":4,"author":"abc"}]}""");

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => Store.LoadAsync(board.Id, CancellationToken.None));
        Assert.Contains("its stored snapshot is damaged", refused.Message, StringComparison.Ordinal);
    }
}
