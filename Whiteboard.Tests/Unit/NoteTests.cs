using System.Xml.Linq;
using Whiteboard.App.Boards;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.Rendering;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;
using Whiteboard.Tests.Infrastructure;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

/// <summary>Sticky notes: placed, refused, moved, erased, undone, redone, replayed, written down, imported and drawn.</summary>
public sealed class NoteTests
{
    private const string Yellow = "#ffec99";
    private readonly BoardState board = new();
    private readonly ParticipantId alice = ParticipantId.New();
    private readonly ParticipantId bob = ParticipantId.New();

    private static BoardMessage NoteMessage(string id = "n", string color = Yellow, double? size = 200, string? text = "Buy milk",
        double?[]? at = null) => new("note", id, Points: at ?? [10, 20], Color: color, Width: size, Text: text);

    private static PlaceNote Parse(BoardMessage message)
    {
        var parsed = MessageValidator.Parse([message]);
        Assert.True(parsed.IsValid, parsed.Error);
        return Assert.IsType<PlaceNote>(Assert.Single(parsed.Value!));
    }

    private static string Refusal(BoardMessage message)
    {
        var parsed = MessageValidator.Parse([message]);
        Assert.False(parsed.IsValid);
        return parsed.Error!;
    }

    private void Accept(ParticipantId who, BoardOperation operation) => Assert.False(board.Apply(who, operation).IsRejected);

    private Note TheNote(string id = "n") => Assert.IsType<Note>(board.Elements().Single(element => element.Id.Value == id));

    [Fact]
    public void A_note_is_placed_once_however_often_it_is_sent()
    {
        var place = Parse(NoteMessage(color: "#FFEC99"));

        var drawn = Assert.IsType<ElementsDrawn>(board.Apply(alice, place).Change);
        Assert.Equal(new Note(Id("n"), alice, Yellow, new BoardPoint(10, 20), 200, "Buy milk"), Assert.Single(drawn.Elements));
        Assert.Null(board.Apply(alice, place).Change);
        Assert.Contains("Another element already has this id", board.Apply(bob, place).Rejection, StringComparison.Ordinal);
        Assert.Single(board.Elements());
    }

    [Theory]
    [InlineData("#123456", null, "note colors")]
    [InlineData("url(x)", null, "note colors")]
    [InlineData(Yellow, 10.0, "size")]
    [InlineData(Yellow, 5000.0, "size")]
    [InlineData(Yellow, double.NaN, "size")]
    public void A_note_of_a_foreign_paper_or_size_is_refused(string color, double? size, string reason) =>
        Assert.Contains(reason, Refusal(NoteMessage(color: color, size: size ?? 200)), StringComparison.Ordinal);

    [Fact]
    public void A_note_without_text_or_place_or_with_too_much_text_is_refused()
    {
        Assert.Contains("empty", Refusal(NoteMessage(text: " ")), StringComparison.Ordinal);
        Assert.Contains("at most", Refusal(NoteMessage(text: new string('x', BoardLimits.MaxTextLength + 1))), StringComparison.Ordinal);
        Assert.Contains("finite", Refusal(NoteMessage(at: [null, 5])), StringComparison.Ordinal);
        Assert.Contains("outside the board", Refusal(NoteMessage(at: [2e6, 5])), StringComparison.Ordinal);
        Assert.Contains("size", Refusal(NoteMessage(size: null)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_note_is_moved_erased_undone_and_redone_like_any_element()
    {
        Accept(alice, Parse(NoteMessage()));
        Accept(bob, Move("m", 5, -5, "n"));
        Assert.Equal(new BoardPoint(15, 15), TheNote().At);

        Accept(bob, Erase("e", "n"));
        Assert.Empty(board.Elements());
        Accept(bob, new Undo(Op("u1")));
        Assert.Equal(new BoardPoint(15, 15), TheNote().At);

        Accept(alice, new Undo(Op("u2")));
        Assert.Empty(board.Elements());
        Accept(alice, new Redo(Op("r2")));
        Assert.Equal("Buy milk", TheNote().Content);
    }

    [Fact]
    public void A_note_replays_the_same_from_the_stored_operations_and_from_a_stored_snapshot()
    {
        var place = Parse(NoteMessage(text: "one\ntwo"));
        Accept(alice, place);
        Accept(alice, Move("m", 1, 1, "n"));

        var replayed = new BoardState();
        foreach (var operation in new BoardOperation[] { place, Move("m", 1, 1, "n") })
        {
            // As the store writes it down and reads it back (the relays' JSON is the store's).
            var stored = RelayJson.Decode<BoardMessage>(RelayJson.Encode(BoardMessage.Of(operation)));
            replayed.Apply(alice, Assert.Single(MessageValidator.Parse([stored]).Value!));
        }

        var restored = BoardState.Restore(RelayJson.Decode<BoardStateRecord>(RelayJson.Encode(board.Capture())));

        Assert.True(restored.IsValid, restored.Error);
        Assert.Equal(TheNote(), Assert.Single(replayed.Elements()));
        Assert.Equal(TheNote(), Assert.Single(restored.Value!.Elements()));
        Assert.Equal(board.Size, restored.Value.Size);
        Assert.False(restored.Value.Apply(alice, new Undo(Op("u"))).IsRejected);
        Assert.Equal(new BoardPoint(10, 20), Assert.IsType<Note>(Assert.Single(restored.Value.Elements())).At);
    }

    [Fact]
    public void A_note_is_exported_and_imported_and_a_damaged_one_is_refused()
    {
        Accept(alice, Parse(NoteMessage(color: "#a5d8ff", size: 300)));
        var importer = ParticipantId.New();
        var document = BoardDocument.Of("Notes", board.Elements(), []);
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(document, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));

        var read = ImportedBoard.Read(json, importer);

        Assert.True(read.IsValid, read.Error);
        Assert.Equal(3, document.Version);
        Assert.Equal(TheNote() with { Author = importer }, Assert.Single(read.Value!.Elements));
        var damaged = document with { Elements = [document.Elements![0]! with { Color = "#000000" }] };
        var refused = ImportedBoard.Read(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(damaged, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)), importer);
        Assert.Contains("note colors", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_note_is_drawn_as_its_filled_paper_with_its_text_wrapped_inside()
    {
        var note = new Note(Id("n"), alice, Yellow, new BoardPoint(0, 0), 200, "Remember the quiz on Friday\nRoom 4");
        var canvas = new RecordingCanvas();

        BoardRenderer.Draw(note, canvas);

        Assert.Equal(
        [
            "begin-path", "move-to 0 0", "line-to 200 0", "line-to 200 200", "line-to 0 200", "close-path", $"fill {Yellow}",
            $"fill-text \"Remember the quiz\" 16 16 16 {NoteLayout.Ink}",
            $"fill-text \"on Friday\" 16 36 16 {NoteLayout.Ink}",
            $"fill-text \"Room 4\" 16 56 16 {NoteLayout.Ink}",
        ], canvas.Commands);
    }

    [Fact]
    public void A_note_whose_text_needs_more_lines_than_its_square_holds_grows_downwards_and_is_hit_all_over()
    {
        var note = new Note(Id("n"), alice, Yellow, new BoardPoint(0, 0), 200, string.Join('\n', Enumerable.Repeat("line", 12)));

        var bounds = HitTest.BoundsOf(note);

        Assert.Equal(new Bounds(0, 0, 200, 2 * 16 + 12 * 20), bounds);
        Assert.True(HitTest.IsUnder(note, new BoardPoint(100, 250), 0));
        Assert.True(HitTest.Touches(note, [new BoardPoint(-10, 100), new BoardPoint(10, 100)], 1));
        Assert.False(HitTest.IsUnder(note, new BoardPoint(210, 100), 1));
    }

    [Fact]
    public void A_word_longer_than_a_line_is_cut_and_never_between_the_halves_of_a_surrogate_pair()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 12));
        var lines = NoteLayout.Lines(new Note(Id("n"), alice, Yellow, default, 200, "xx" + emoji));

        Assert.Equal("xx" + emoji, string.Concat(lines));
        Assert.All(lines, line => Assert.False(MessageValidator.HasNoncharacterOrLoneSurrogate(line), line));
        Assert.All(lines, line => Assert.True(line.Length <= 17, line));
    }

    [Fact]
    public void The_svg_export_has_the_note_paper_and_text()
    {
        Accept(alice, Parse(NoteMessage(text: "a < b")));
        XNamespace ns = "http://www.w3.org/2000/svg";

        var svg = XDocument.Parse(SvgCanvas.Render(board.Elements()));

        Assert.Contains(svg.Descendants(ns + "path"), path => path.Attribute("fill")?.Value == Yellow
            && path.Attribute("d")!.Value == "M10 20L210 20L210 220L10 220Z");
        var text = Assert.Single(svg.Descendants(ns + "text"));
        Assert.Equal("a < b", text.Value);
        Assert.Equal(NoteLayout.Ink, text.Attribute("fill")!.Value);
    }

    [Fact]
    public void Every_paper_goes_with_an_ink_of_the_toolbars_palette_and_the_notes_text_is_not_drawn_light_on_a_dark_board()
    {
        Assert.Equal(Whiteboard.App.Components.Board.BoardToolbar.Palette, NoteLayout.PaperForInk.Keys);
        Assert.DoesNotContain(NoteLayout.Ink, new[] { Whiteboard.App.Components.Board.BoardToolbar.Palette[0], "#000000" });
        Assert.All(NoteLayout.PaperForInk.Values, paper => Assert.True(CssColor.TryNormalize(paper, out var hex) && hex == paper));
    }
}
