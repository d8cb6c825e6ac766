using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Rendering;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

/// <summary>The board as a file (JSON export and import) and as a picture (SVG).</summary>
public sealed class BoardDocumentTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ParticipantId alice = ParticipantId.New();
    private readonly ParticipantId importer = ParticipantId.New();

    private IReadOnlyList<BoardElement> SomeBoard()
    {
        var board = new BoardState();
        board.Apply(alice, Begin("s", 0, 0, 10.5f, 20.25f, 30, 5));
        board.Apply(alice, End("s"));
        board.Apply(alice, Rectangle("r", 5, 5, 50, 40));
        board.Apply(alice, new Whiteboard.Shared.Operations.PlaceText(Id("t"), new StrokeStyle("#e03131", 4), new BoardPoint(7, 8), "a < b & \"c\"\nsecond"));
        return board.Elements();
    }

    private static byte[] Write(object document) => JsonSerializer.SerializeToUtf8Bytes(document, Json);

    private string Refusal(object document)
    {
        var read = ImportedBoard.Read(Write(document), importer);
        Assert.False(read.IsValid);
        return read.Error!;
    }

    [Fact]
    public void An_exported_board_imports_as_the_same_elements_credited_to_the_importer()
    {
        var elements = SomeBoard();
        var read = ImportedBoard.Read(Write(BoardDocument.Of("Physics", elements, [])), importer);

        Assert.True(read.IsValid, read.Error);
        Assert.Equal("Physics", read.Value!.Name);
        Assert.Equal(elements.Select(e => e.Id), read.Value.Elements.Select(e => e.Id));
        Assert.All(read.Value.Elements, e => Assert.Equal(importer, e.Author));
        Assert.All(read.Value.Elements, e => Assert.True(e.IsFinished));
        Assert.Equal(((Stroke)elements[0]).Points.ToArray(), ((Stroke)read.Value.Elements[0]).Points.ToArray());
        Assert.Equal(elements[1] with { Author = importer }, read.Value.Elements[1]);
        Assert.Equal(elements[2] with { Author = importer }, read.Value.Elements[2]);
    }

    [Fact]
    public void An_export_does_not_say_who_drew_what()
    {
        var json = Encoding.UTF8.GetString(Write(BoardDocument.Of("Physics", SomeBoard(), [])));
        Assert.DoesNotContain(alice.Value, json, StringComparison.Ordinal);
        Assert.Contains("\"format\":\"whiteboard\",\"version\":3", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_that_are_not_boards_or_are_too_new_or_too_big_are_refused_with_the_reason()
    {
        var good = BoardDocument.Of("Physics", SomeBoard(), []);

        Assert.Contains("not valid JSON", ImportedBoard.Read("{\"format\": \"whiteboard\", "u8, importer).Error, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", ImportedBoard.Read("[1, 2, 3]"u8, importer).Error, StringComparison.Ordinal);
        Assert.Contains("\"format\"", Refusal(good with { Format = "excalidraw" }), StringComparison.Ordinal);
        Assert.Contains("newer Whiteboard (format version 6)", Refusal(good with { Version = 6 }), StringComparison.Ordinal);
        Assert.Contains("no version", Refusal(good with { Version = 0 }), StringComparison.Ordinal);
        Assert.Contains("at most 100", Refusal(good with { Name = new string('n', 101) }), StringComparison.Ordinal);
        Assert.Contains("Element 1", Refusal(good with { Elements = [good.Elements![0], good.Elements[1]! with { Color = "expression(alert(1))" }] }),
            StringComparison.Ordinal);
        Assert.Contains("same id", Refusal(good with { Elements = [good.Elements![0], good.Elements[0]] }), StringComparison.Ordinal);
        Assert.Contains("outside the board", Refusal(good with { Elements = [good.Elements![1]! with { Points = [0, 0, 3e6f, 1] }] }),
            StringComparison.Ordinal);
        Assert.Contains("type", Refusal(good with { Elements = [good.Elements![1]! with { Type = "video" }] }), StringComparison.Ordinal);
        Assert.Contains("holds 100001 elements", Refusal(good with { Elements = new ElementRecord?[BoardLimits.MaxElementsPerBoard + 1] }),
            StringComparison.Ordinal);
        Assert.Contains("too large", ImportedBoard.Read(new byte[BoardLimits.MaxImportBytes + 1], importer).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_svg_export_draws_each_element_as_the_canvas_does()
    {
        var svg = XDocument.Parse(SvgCanvas.Render(SomeBoard()));
        XNamespace ns = "http://www.w3.org/2000/svg";

        var paths = svg.Descendants(ns + "path").Select(p => p.Attribute("d")!.Value).ToList();
        Assert.Contains("M5 5L50 5L50 40L5 40Z", paths);
        Assert.Contains(paths, d => d.StartsWith("M0 0L10.5 20.25L30 5", StringComparison.Ordinal));
        var lines = svg.Descendants(ns + "text").ToList();
        Assert.Equal(["a < b & \"c\"", "second"], lines.Select(t => t.Value));
        Assert.Equal("#e03131", lines[0].Attribute("fill")!.Value);
        Assert.Equal("-23.5 -23.5 156.1 91.5", svg.Root!.Attribute("viewBox")!.Value);
    }
}
