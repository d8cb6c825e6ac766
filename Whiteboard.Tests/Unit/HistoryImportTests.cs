using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App.Boards;
using Whiteboard.App.History;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// A file's history, imported: stored with a checkpoint every 5,000 operations, as a live board's is, so a moment far into
/// it replays no more than one of a live board; a first moment over a board's limits, or numbered so that the board's
/// moments would run past what a restore can name, is refused with the reason.
/// </summary>
public sealed class HistoryImportTests
{
    private static readonly DateTimeOffset Morning = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private readonly InMemoryBoardStore store = new();
    private readonly BoardRecord board = new(BoardId.New(), "Imported", BoardKey.New(), BoardKey.New(), Morning);

    /// <summary>A history of <paramref name="count"/> rectangles drawn one after another from the empty board.</summary>
    private static WholeHistory Rectangles(int count)
    {
        var author = ParticipantId.New();
        var state = new BoardState();
        var operations = new List<WholeHistoryOperation>(count);
        for (var sequence = 1; sequence <= count; sequence++)
        {
            var rectangle = Rectangle($"r{sequence}", sequence, 0, sequence + 5, 5);
            Assert.NotNull(state.Apply(author, rectangle).Change);
            operations.Add(new WholeHistoryOperation(sequence, author, rectangle, Morning.AddSeconds(sequence / 100), "Ada", "#e03131"));
        }

        return new WholeHistory(0, null, operations, state.Capture());
    }

    [Fact]
    public async Task An_imported_history_gets_a_checkpoint_every_5000_operations_each_the_board_at_its_moment()
    {
        await BoardImport.StoreAsync(store, board, new ImportedBoard("Imported", []) { History = Rectangles(10_010) }, [], NullLogger.Instance,
            CancellationToken.None);

        var first = await store.ReadCheckpointAsync(board.Id, 9_999, CancellationToken.None);
        var second = await store.ReadCheckpointAsync(board.Id, 10_009, CancellationToken.None);
        var moment = await new BoardHistory(store).AtAsync(board.Id, 7_000, CancellationToken.None);

        Assert.Equal(5_000, first?.Sequence);
        Assert.Equal(5_000, first!.State.Elements!.Length);
        Assert.Equal(10_000, second?.Sequence);
        Assert.Equal(10_000, second!.State.Elements!.Length);
        Assert.Equal(7_000, moment.Board.Elements.Count);
        Assert.Equal(10_010, (await store.LoadAsync(board.Id, CancellationToken.None)).SnapshotSequence);
    }

    [Fact]
    public void A_first_moment_holding_more_elements_than_a_board_may_is_refused_with_the_limit()
    {
        var author = ParticipantId.New();
        var full = BoardState.Of(
            Enumerable.Range(0, BoardLimits.MaxElementsPerBoard + 1)
                .Select(n => (BoardElement)new Shape(Id($"s{n}"), author, ShapeKind.Rectangle, Black, new BoardPoint(0, 0), new BoardPoint(1, 1), true)),
            []);

        var read = WholeHistory.Read(new HistoryDocument(7, full.Capture(), []), out _);

        Assert.Equal("The file's history cannot be imported: its first moment holds more than a board may: a board holds at most 100,000 elements, and it holds 100,001", read.Error);
    }

    [Theory]
    [InlineData(9_007_199_254_740_991L, 1)]
    [InlineData(long.MaxValue, 0)]
    public void A_history_whose_moments_run_past_what_a_restore_names_is_refused(long first, int operations)
    {
        var entries = Enumerable.Range(1, operations)
            .Select(n => (HistoryEntry?)new HistoryEntry(first + n, Morning, ParticipantId.New().Value, null, null,
                new BoardMessage("shape", $"r{n}", Points: [0, 0, 5, 5], Color: "#000000", Width: 3, Shape: "rect", Done: true)))
            .ToArray();

        var read = WholeHistory.Read(new HistoryDocument(first, new BoardState().Capture(), entries), out _);

        Assert.Equal("The file's history cannot be imported: its moments are numbered past 9,007,199,254,740,991", read.Error);
    }
}
