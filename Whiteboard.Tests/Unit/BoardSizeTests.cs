using System.Text;
using System.Text.Json;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

/// <summary>A board's size is bounded: a full board refuses what would grow it, and everything that shrinks it still works.</summary>
public sealed class BoardSizeTests
{
    private const int LongStroke = BoardLimits.MaxPointsPerStroke;
    private static readonly StrokePoint[] LongLine = [.. Enumerable.Range(0, LongStroke).Select(i => new StrokePoint(i * 0.01f, 5, 0.5f))];
    private readonly ParticipantId alice = ParticipantId.New();
    private readonly ParticipantId bob = ParticipantId.New();

    /// <summary>A board of long finished strokes by someone else, <paramref name="pointsShort"/> points short of full.</summary>
    private static BoardState AlmostFull(int pointsShort)
    {
        var someone = ParticipantId.New();
        var strokes = Enumerable.Range(0, BoardLimits.MaxPointsPerBoard / LongStroke)
            .Select(BoardElement (i) => new Stroke(Id($"old{i}"), someone, Black, LongLine.AsMemory(0, LongStroke - (i == 0 ? pointsShort : 0)), Finished: true));
        return BoardState.Of(strokes, []);
    }

    private static BeginStroke BeginLong(string id, int points) => new(Id(id), Black, LongLine[..points]);

    private static void Refused(ApplyOutcome outcome)
    {
        Assert.True(outcome.IsRejected);
        Assert.StartsWith("This board is full: a board holds at most", outcome.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_board_refuses_more_ink_and_takes_it_again_once_something_is_erased()
    {
        var board = AlmostFull(pointsShort: 100);
        Assert.Equal(BoardLimits.MaxPointsPerBoard - 100, board.Size.Points);

        Assert.False(board.Apply(alice, BeginLong("a", 60)).IsRejected);
        Assert.False(board.Apply(alice, new ExtendStroke(Id("a"), 60, LongLine[60..100])).IsRejected);
        Assert.Equal(BoardLimits.MaxPointsPerBoard, board.Size.Points);

        Refused(board.Apply(alice, new ExtendStroke(Id("a"), 100, LongLine[100..101])));
        Refused(board.Apply(bob, BeginLong("b", 1)));
        Assert.Equal(100, Assert.IsType<Stroke>(board.Elements().Single(element => element.Id == Id("a"))).Points.Length);

        // Finishing, moving and erasing still work on a full board; erasing makes room.
        Assert.False(board.Apply(alice, End("a")).IsRejected);
        Assert.False(board.Apply(alice, Move("m", 5, 5, "a")).IsRejected);
        Assert.False(board.Apply(bob, Erase("e", "old1")).IsRejected);
        Assert.Equal(BoardLimits.MaxPointsPerBoard - LongStroke, board.Size.Points);
        Assert.False(board.Apply(bob, BeginLong("b", 1)).IsRejected);
    }

    [Fact]
    public void Undo_of_a_drawing_works_on_a_full_board_but_undo_of_an_erase_waits_for_room()
    {
        var board = AlmostFull(pointsShort: 0);
        Assert.False(board.Apply(alice, Erase("e", "old1")).IsRejected);
        Assert.False(board.Apply(bob, BeginLong("b", LongStroke)).IsRejected);
        Assert.False(board.Apply(bob, End("b")).IsRejected);

        // Bringing back what Alice erased would overfill the board: refused, and her undo stays to try again.
        Refused(board.Apply(alice, new Undo(Op("u1"))));
        Assert.DoesNotContain(board.Elements(), element => element.Id == Id("old1"));

        Assert.False(board.Apply(bob, new Undo(Op("u2"))).IsRejected);
        Assert.False(board.Apply(alice, new Undo(Op("u3"))).IsRejected);
        Assert.Contains(board.Elements(), element => element.Id == Id("old1"));
        Assert.Equal(BoardLimits.MaxPointsPerBoard, board.Size.Points);

        // Bob's redo would bring his stroke back onto the full board.
        Refused(board.Apply(bob, new Redo(Op("r1"))));
        Assert.False(board.Apply(alice, new ClearBoard(Op("c"))).IsRejected);
        Assert.Equal(default, board.Size);
        Assert.False(board.Apply(bob, new Redo(Op("r2"))).IsRejected);
    }

    [Fact]
    public void Text_counts_against_the_board_s_bytes()
    {
        var board = new BoardState();
        var page = new string('w', BoardLimits.MaxTextLength);
        var perText = BoardLimits.MaxTextLength * BoardLimits.BoardSizeBytesPerCharacter + BoardLimits.BoardSizeBytesPerElement;
        var fits = (int)(BoardLimits.MaxBoardBytes / perText);
        for (var i = 0; i < fits; i++)
        {
            Assert.False(board.Apply(alice, new PlaceText(Id($"t{i}"), Black, new BoardPoint(0, i), page)).IsRejected);
        }

        var refused = board.Apply(alice, new PlaceText(Id("over"), Black, new BoardPoint(0, -1), page));
        Assert.StartsWith("This board is full: a board's content may take at most", refused.Rejection, StringComparison.Ordinal);
        Assert.Equal(fits, board.Elements().Count);
        Assert.False(board.Apply(alice, new PlaceText(Id("short"), Black, new BoardPoint(0, -1), "ok")).IsRejected);
    }

    [Fact]
    public void An_import_larger_than_a_board_may_be_is_refused()
    {
        var points = Enumerable.Repeat(0.5f, 3 * (LongStroke - 1)).ToArray();
        var strokes = Enumerable.Range(0, BoardLimits.MaxPointsPerBoard / (LongStroke - 1) + 1)
            .Select(i => new { id = $"s{i}", type = "stroke", color = "#000000", width = 2, points });
        var file = JsonSerializer.SerializeToUtf8Bytes(new { format = "whiteboard", version = 1, name = "Huge", elements = strokes });

        var read = ImportedBoard.Read(file, ParticipantId.New());

        Assert.False(read.IsValid);
        Assert.Equal($"The file holds more than a board may: a board holds at most {BoardLimits.MaxPointsPerBoard:N0} points of ink.", read.Error);
        Assert.True(ImportedBoard.Read(Encoding.UTF8.GetBytes("""{"format":"whiteboard","version":1,"elements":[]}"""), ParticipantId.New()).IsValid);
    }
}
