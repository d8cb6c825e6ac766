using Microsoft.Extensions.Logging.Abstractions;
using SkiaSharp;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// The store contract for imports: all or nothing. No link opens a board being imported; one whose import fails,
/// however far it got, leaves no row behind; one a stopped process left unfinished is removed by a later import.
/// </summary>
public abstract partial class BoardStoreContract
{
    private IBoardImportStore Imports => (IBoardImportStore)Store;

    /// <summary>The rows kept for the board (its own, its operations, checkpoints, images, mark of an unfinished import), or for every board.</summary>
    protected abstract Task<long> CountRowsAsync(BoardId? board = null);

    /// <summary>Moves the start of the board's unfinished import back by <paramref name="by"/>, past the store, as if begun that long ago.</summary>
    protected abstract Task BackdateImportAsync(BoardId board, TimeSpan by);

    /// <summary>
    /// A history of <paramref name="count"/> rectangles, stored at one time. Its operation <paramref name="notReplaying"/>,
    /// if any, finishes an element nobody began, so that it does not replay: a file changed after it was read, as far as
    /// the import can tell.
    /// </summary>
    private static WholeHistory Rectangles(int count, long? notReplaying = null)
    {
        var author = ParticipantId.New();
        var state = new BoardState();
        var operations = new List<WholeHistoryOperation>(count);
        for (var sequence = 1; sequence <= count; sequence++)
        {
            BoardOperation operation = sequence == notReplaying ? End("nowhere") : Rectangle($"r{sequence}", sequence, 0, sequence + 5, 5);
            state.Apply(author, operation);
            operations.Add(new WholeHistoryOperation(sequence, author, operation, Morning, "Ada", "#e03131"));
        }

        return new WholeHistory(0, null, operations, state.Capture());
    }

    [Fact]
    public async Task An_import_whose_history_fails_halfway_leaves_nothing_in_the_store_and_says_why()
    {
        Assert.Null(await Store.CheckAsync(CancellationToken.None)); // its tables made, to count their rows
        var before = await CountRowsAsync();
        await using var rooms = LocalBoardGrains.Rooms(Store, TimeProvider.System, new BoardRoomOptions(), NullLoggerFactory.Instance);
        var content = new ImportedBoard("Half made", []) { History = Rectangles(2_500, notReplaying: 1_500) };

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => rooms.CreateBoardAsync(content, [ImageOf(SKColors.Teal)], CancellationToken.None));

        Assert.Equal("Operation 1500 of the imported history does not replay as it was read.", refused.Message);
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task An_import_whose_importer_has_gone_leaves_nothing_in_the_store()
    {
        Assert.Null(await Store.CheckAsync(CancellationToken.None)); // its tables made, to count their rows
        var before = await CountRowsAsync();
        await using var rooms = LocalBoardGrains.Rooms(Store, TimeProvider.System, new BoardRoomOptions(), NullLoggerFactory.Instance);
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            rooms.CreateBoardAsync(new ImportedBoard("Nobody waits", []) { History = Rectangles(2_500) }, [ImageOf(SKColors.Teal)], gone.Token));
        // What the import asked of the store before it stopped has landed once a write asked after it has (SQLite's one writer
        // takes them in turn, and a write it was asked for goes on when its asker stops waiting).
        await Store.CreateBoardAsync(NewBoard("Asked later"), content: null, CancellationToken.None);

        Assert.Equal(before + 1, await CountRowsAsync());
    }

    [Fact]
    public async Task A_board_being_imported_is_opened_by_neither_link_until_its_import_is_finished()
    {
        var board = NewBoard("Imported") with { Changed = Morning };
        await Imports.BeginImportAsync(board, StrokeOf([1, 2, 3, 4]), CancellationToken.None);
        await Store.AppendAsync(board.Id, [new StoredOperation(1, ParticipantId.New(), Rectangle("r", 0, 0, 5, 5))], Morning.AddHours(-3), CancellationToken.None);
        var other = await OpenStoreAsync();

        Assert.Null(await Store.FindAsync(board.EditKey, CancellationToken.None));
        Assert.Null(await Store.FindAsync(board.ViewKey, CancellationToken.None));
        Assert.Null(await Store.FindAsync(board.Id, CancellationToken.None));
        Assert.Null(await other.FindAsync(board.EditKey, CancellationToken.None));

        await Imports.FinishImportAsync(board, CancellationToken.None);

        Assert.Equal(board, await other.FindAsync(board.EditKey, CancellationToken.None));
        Assert.Equal(board, await Store.FindAsync(board.ViewKey, CancellationToken.None));
        var loaded = await Store.LoadAsync(board.Id, CancellationToken.None);
        Assert.Single(loaded.Snapshot!.Elements!);
        Assert.Equal(1, Assert.Single(loaded.Operations).Sequence);
    }

    [Fact]
    public async Task An_abandoned_import_leaves_no_row_of_its_board_and_a_finished_one_is_never_abandoned()
    {
        var (abandoned, finished) = (NewBoard("Abandoned"), NewBoard("Finished"));
        foreach (var board in new[] { abandoned, finished })
        {
            var author = ParticipantId.New();
            var state = new BoardState();
            state.Apply(author, Rectangle("r", 0, 0, 5, 5));
            await Imports.BeginImportAsync(board, StrokeOf([1, 2, 3, 4]), CancellationToken.None);
            await Images.KeepImageAsync(board.Id, ImageOf(SKColors.Teal), 1_000_000, CancellationToken.None);
            await Store.AppendAsync(board.Id, [new StoredOperation(1, author, Rectangle("r", 0, 0, 5, 5))], Morning, CancellationToken.None);
            await Store.SaveSnapshotAsync(board.Id, 1, state.Capture(), CancellationToken.None);
        }

        await Imports.FinishImportAsync(finished, CancellationToken.None);
        Assert.Equal(6, await CountRowsAsync(abandoned.Id)); // its row, its mark, two checkpoints, an operation, an image

        await Imports.AbandonImportAsync(abandoned.Id, CancellationToken.None);
        await Imports.AbandonImportAsync(finished.Id, CancellationToken.None);

        Assert.Equal(0, await CountRowsAsync(abandoned.Id));
        Assert.Equal(5, await CountRowsAsync(finished.Id));
        Assert.Equal(finished, await Store.FindAsync(finished.EditKey, CancellationToken.None));
        var gone = await Assert.ThrowsAsync<InvalidDataException>(() => Imports.FinishImportAsync(abandoned, CancellationToken.None));
        Assert.Equal(UnfinishedImports.Removed, gone.Message);
        Assert.Equal(0, await CountRowsAsync(abandoned.Id));
    }

    [Fact]
    public async Task An_import_a_stopped_process_left_unfinished_is_removed_when_the_next_process_begins_an_import()
    {
        var left = NewBoard("Left unfinished");
        await Imports.BeginImportAsync(left, StrokeOf([1, 2, 3, 4]), CancellationToken.None);
        await Images.KeepImageAsync(left.Id, ImageOf(SKColors.Teal), 1_000_000, CancellationToken.None);
        await Store.AppendAsync(left.Id, [new StoredOperation(1, ParticipantId.New(), Rectangle("r", 0, 0, 5, 5))], Morning, CancellationToken.None);
        // Its process stopped then, long enough ago for any store to tell it from an import another instance is writing now.
        await BackdateImportAsync(left.Id, UnfinishedImports.Abandoned + TimeSpan.FromMinutes(1));
        var next = (IBoardImportStore)await OpenStoreAsync();
        var begun = NewBoard("Begun");
        Assert.Equal(5, await CountRowsAsync(left.Id));

        await next.BeginImportAsync(begun, content: null, CancellationToken.None);

        Assert.Equal(0, await CountRowsAsync(left.Id));
        Assert.Equal(2, await CountRowsAsync(begun.Id)); // its row and its mark
    }
}
