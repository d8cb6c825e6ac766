using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// The store contract for the board's history: every operation stays through snapshots, with the time it was stored and
/// its author as seated; every snapshot is a checkpoint; the board still loads from its latest one.
/// </summary>
public abstract partial class BoardStoreContract
{
    private static readonly DateTimeOffset Morning = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private IBoardHistoryStore History => (IBoardHistoryStore)Store;

    /// <summary>30 operations in three appends, ten minutes apart, by Ada then Bo then Ada; snapshots after the 10th and the 20th.</summary>
    private async Task<BoardRecord> ThirtyOperationsAsync()
    {
        var board = NewBoard("History");
        await Store.CreateBoardAsync(board, content: null, CancellationToken.None);
        var (ada, bo) = (ParticipantId.New(), ParticipantId.New());
        var state = new BoardState();
        for (var append = 0; append < 3; append++)
        {
            var (author, seated) = append == 1 ? (bo, new SeatedAuthor("Bo", "#1971c2")) : (ada, new SeatedAuthor("Ada", "#e03131"));
            var operations = Enumerable.Range(append * 10 + 1, 10)
                .Select(sequence => new StoredOperation(sequence, author, Rectangle($"r{sequence}", sequence, 0, sequence + 5, 5), seated))
                .ToList();
            foreach (var operation in operations)
            {
                state.Apply(operation.Author, operation.Operation);
            }

            await Store.AppendAsync(board.Id, operations, Morning.AddMinutes(10 * append), CancellationToken.None);
            if (append < 2)
            {
                await Store.SaveSnapshotAsync(board.Id, 10 * (append + 1), state.Capture(), CancellationToken.None);
            }
        }

        return board;
    }

    [Fact]
    public async Task Every_operation_stays_through_snapshots_with_its_time_and_its_author_as_seated()
    {
        var board = await ThirtyOperationsAsync();
        var next = (IBoardHistoryStore)await OpenStoreAsync();

        var all = await next.ReadOperationsAsync(board.Id, 0, 30, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 30).Select(sequence => (long)sequence), all.Select(operation => operation.Operation.Sequence));
        Assert.Equal(Rectangle("r7", 7, 0, 12, 5), all[6].Operation.Operation);
        Assert.Equal([Morning, Morning.AddMinutes(10), Morning.AddMinutes(20)], all.Select(operation => operation.At!.Value).Distinct());
        Assert.Equal(Morning.AddMinutes(10), all[14].At);
        Assert.Equal(new SeatedAuthor("Bo", "#1971c2"), all[14].Operation.Seated);
        Assert.Equal(new SeatedAuthor("Ada", "#e03131"), all[29].Operation.Seated);
        Assert.Equal([12L, 13L], (await next.ReadOperationsAsync(board.Id, 11, 13, CancellationToken.None)).Select(operation => operation.Operation.Sequence));
        Assert.Equal(new HistorySpan(0, 30), await next.ReadSpanAsync(board.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Every_snapshot_is_a_checkpoint_and_the_board_still_loads_from_its_latest()
    {
        var board = await ThirtyOperationsAsync();

        Assert.Null(await History.ReadCheckpointAsync(board.Id, 9, CancellationToken.None));
        var tenth = await History.ReadCheckpointAsync(board.Id, 19, CancellationToken.None);
        Assert.Equal(10, tenth?.Sequence);
        Assert.Equal(10, tenth!.State.Elements!.Length);
        Assert.Equal(20, (await History.ReadCheckpointAsync(board.Id, 20, CancellationToken.None))?.Sequence);
        Assert.Equal(20, (await History.ReadCheckpointAsync(board.Id, 1_000, CancellationToken.None))?.Sequence);
        var loaded = await Store.LoadAsync(board.Id, CancellationToken.None);
        Assert.Equal(20, loaded.SnapshotSequence);
        Assert.Equal(Enumerable.Range(21, 10).Select(sequence => (long)sequence), loaded.Operations.Select(operation => operation.Sequence));
    }

    [Fact]
    public async Task Stamps_say_when_and_by_whom_without_the_operations()
    {
        var board = await ThirtyOperationsAsync();

        var stamps = await History.ReadStampsAsync(board.Id, 10, CancellationToken.None);

        Assert.Equal(
            [
                new HistoryStamp(10, Morning, new SeatedAuthor("Ada", "#e03131")),
                new HistoryStamp(20, Morning.AddMinutes(10), new SeatedAuthor("Bo", "#1971c2")),
                new HistoryStamp(30, Morning.AddMinutes(20), new SeatedAuthor("Ada", "#e03131")),
            ],
            stamps);
        Assert.Equal(
            [
                new HistoryStamp(20, Morning.AddMinutes(10), new SeatedAuthor("Bo", "#1971c2")),
                new HistoryStamp(21, Morning.AddMinutes(20), new SeatedAuthor("Ada", "#e03131")),
            ],
            await History.ReadStampsAsync(board.Id, 19, 21, CancellationToken.None));
    }

    [Fact]
    public async Task A_new_board_s_history_starts_empty_at_0_and_an_imported_one_s_at_its_content()
    {
        var empty = NewBoard("Empty");
        var imported = NewBoard("Imported");
        await Store.CreateBoardAsync(empty, content: null, CancellationToken.None);
        await Store.CreateBoardAsync(imported, StrokeOf([1, 2, 0.5f]), CancellationToken.None);
        await Store.AppendAsync(imported.Id, [new StoredOperation(1, ParticipantId.New(), Rectangle("r", 0, 0, 5, 5))], Morning, CancellationToken.None);

        Assert.Equal(new HistorySpan(0, 0), await History.ReadSpanAsync(empty.Id, CancellationToken.None));
        Assert.Null(await History.ReadCheckpointAsync(empty.Id, 0, CancellationToken.None));
        Assert.Equal(new HistorySpan(0, 1), await History.ReadSpanAsync(imported.Id, CancellationToken.None));
        Assert.Single((await History.ReadCheckpointAsync(imported.Id, 0, CancellationToken.None))!.State.Elements!);
        Assert.Null(Assert.Single(await History.ReadOperationsAsync(imported.Id, 0, 1, CancellationToken.None)).Operation.Seated);
    }

    [Fact]
    public async Task A_snapshot_soon_after_the_checkpoint_before_the_latest_replaces_the_latest_and_the_first_always_stays()
    {
        var board = NewBoard("Spaced");
        await Store.CreateBoardAsync(board, StrokeOf([1, 2, 0.5f]), CancellationToken.None);
        var empty = new BoardState().Capture();

        foreach (var sequence in new long[] { 100, 200, 5_300, 5_400, 5_500 })
        {
            await Store.SaveSnapshotAsync(board.Id, sequence, empty, CancellationToken.None);
        }

        var found = new List<long?>();
        foreach (var atMost in new long[] { 150, 250, 5_350, 5_450, 9_999 })
        {
            found.Add((await History.ReadCheckpointAsync(board.Id, atMost, CancellationToken.None))?.Sequence);
        }

        Assert.Equal([0, 0, 5_300, 5_300, 5_500], found);
        Assert.Equal(5_500, (await Store.LoadAsync(board.Id, CancellationToken.None)).SnapshotSequence);
    }
}
