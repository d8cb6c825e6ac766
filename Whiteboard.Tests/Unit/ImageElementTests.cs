using System.Xml.Linq;
using Whiteboard.App.Boards;
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

/// <summary>An image element: placed by its hash over a box, refused when malformed, moved, erased, undone, replayed, hit and drawn.</summary>
public sealed class ImageElementTests
{
    private static readonly string Hash = new('a', ImageHash.Length);
    private readonly BoardState board = new();
    private readonly ParticipantId alice = ParticipantId.New();
    private readonly ParticipantId bob = ParticipantId.New();

    private static BoardMessage ImageMessage(string? hash = null, double?[]? box = null) =>
        new("image", "i", Points: box ?? [10, 20, 210, 120], Image: hash ?? Hash);

    private static PlaceImage Parse(BoardMessage message)
    {
        var parsed = MessageValidator.Parse([message]);
        Assert.True(parsed.IsValid, parsed.Error);
        return Assert.IsType<PlaceImage>(Assert.Single(parsed.Value!));
    }

    private void Accept(ParticipantId who, BoardOperation operation) => Assert.False(board.Apply(who, operation).IsRejected);

    private Image TheImage() => Assert.IsType<Image>(Assert.Single(board.Elements()));

    [Fact]
    public void A_one_unit_image_moved_far_still_loads_from_the_boards_snapshot()
    {
        Accept(alice, Parse(ImageMessage(box: [0, 0, 1, 1])));
        // 15.39 + 1 - 15.39 is 0.99999905 in floats: the moved box is a hair under the smallest side a message may ask for.
        Accept(alice, Move("m", 15.39f, 0, "i"));

        var restored = BoardState.Restore(RelayJson.Decode<BoardStateRecord>(RelayJson.Encode(board.Capture())));

        Assert.True(restored.IsValid, restored.Error);
        Assert.Equal(TheImage(), Assert.IsType<Image>(Assert.Single(restored.Value!.Elements())));
    }

    [Fact]
    public void An_image_is_placed_once_over_its_box()
    {
        var place = Parse(ImageMessage());

        var drawn = Assert.IsType<ElementsDrawn>(board.Apply(alice, place).Change);

        Assert.Equal(new Image(Id("i"), alice, Hash, new BoardPoint(10, 20), new BoardPoint(210, 120)), Assert.Single(drawn.Elements));
        Assert.Null(board.Apply(alice, place).Change);
        Assert.Equal(Bounds.Around(10, 20, 210, 120), HitTest.BoundsOf(TheImage()));
        Assert.True(HitTest.IsUnder(TheImage(), new BoardPoint(100, 70), 1));
    }

    [Theory]
    [InlineData("ABCDEF", "64 lowercase hex digits")]
    [InlineData("../../etc/passwd", "64 lowercase hex digits")]
    [InlineData(null, "64 lowercase hex digits")]
    public void An_image_not_named_by_a_hash_is_refused(string? hash, string reason)
    {
        var parsed = MessageValidator.Parse([ImageMessage() with { Image = hash }]);

        Assert.Contains(reason, parsed.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new double[] { 10, 20 }, "x1, y1")]
    [InlineData(new double[] { 210, 120, 10, 20 }, "sides of 1 or more board units")]
    [InlineData(new double[] { 10, 20, 10.5, 120 }, "sides of 1 or more board units")]
    [InlineData(new double[] { 10, 20, 3e6, 120 }, "outside")]
    public void An_image_box_that_is_not_a_box_on_the_board_is_refused(double[] box, string reason)
    {
        var parsed = MessageValidator.Parse([ImageMessage(box: [.. box.Select(value => (double?)value)])]);

        Assert.Contains(reason, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_is_moved_erased_undone_and_redone_like_any_element()
    {
        Accept(alice, Parse(ImageMessage()));
        Accept(bob, Move("m", 5, -5, "i"));
        Assert.Equal((new BoardPoint(15, 15), new BoardPoint(215, 115)), (TheImage().From, TheImage().To));

        Accept(bob, Erase("e", "i"));
        Assert.Empty(board.Elements());
        Accept(bob, new Undo(Op("u1")));
        Assert.Equal(new BoardPoint(15, 15), TheImage().From);

        Accept(alice, new Undo(Op("u2")));
        Assert.Empty(board.Elements());
        Accept(alice, new Redo(Op("r2")));
        Assert.Equal(Hash, TheImage().Hash);
    }

    [Fact]
    public void An_image_replays_the_same_from_the_stored_operations_and_from_a_stored_snapshot()
    {
        var place = Parse(ImageMessage());
        Accept(alice, place);

        var stored = RelayJson.Decode<BoardMessage>(RelayJson.Encode(BoardMessage.Of(place)));
        var replayed = new BoardState();
        replayed.Apply(alice, Assert.Single(MessageValidator.Parse([stored]).Value!));
        var restored = BoardState.Restore(RelayJson.Decode<BoardStateRecord>(RelayJson.Encode(board.Capture())));

        Assert.True(restored.IsValid, restored.Error);
        Assert.Equal(TheImage(), Assert.Single(replayed.Elements()));
        Assert.Equal(TheImage(), Assert.Single(restored.Value!.Elements()));
        Assert.False(restored.Value.Apply(alice, new Undo(Op("u"))).IsRejected);
        Assert.Empty(restored.Value.Elements());
    }

    [Fact]
    public void An_image_is_drawn_over_its_box_and_the_svg_export_embeds_the_source_it_is_given_or_a_placeholder()
    {
        Accept(alice, Parse(ImageMessage()));
        var canvas = new RecordingCanvas();
        XNamespace ns = "http://www.w3.org/2000/svg";

        BoardRenderer.Draw(TheImage(), canvas);
        var embedded = XDocument.Parse(SvgCanvas.Render(board.Elements(), hash => hash == Hash ? "data:image/png;base64,iVBORw0KGgo=" : null));
        var placeholder = XDocument.Parse(SvgCanvas.Render(board.Elements()));

        Assert.Equal([$"draw-image {Hash} 10 20 200 100"], canvas.Commands);
        var image = Assert.Single(embedded.Descendants(ns + "image"));
        Assert.Equal("data:image/png;base64,iVBORw0KGgo=", image.Attribute("href")!.Value);
        Assert.Equal(("10", "20", "200", "100"), (image.Attribute("x")!.Value, image.Attribute("y")!.Value, image.Attribute("width")!.Value, image.Attribute("height")!.Value));
        Assert.Empty(placeholder.Descendants(ns + "image"));
        Assert.Equal(2, placeholder.Descendants(ns + "rect").Count());
    }

    [Fact]
    public void The_images_used_at_a_snapshot_are_those_shown_and_those_an_undo_or_redo_could_bring_back()
    {
        var (shown, erased, undone, never) = (new string('1', 64), new string('2', 64), new string('3', 64), new string('4', 64));
        Accept(alice, Parse(new BoardMessage("image", "a", Points: [0, 0, 10, 10], Image: shown)));
        Accept(alice, Parse(new BoardMessage("image", "b", Points: [0, 0, 10, 10], Image: erased)));
        Accept(bob, Parse(new BoardMessage("image", "c", Points: [0, 0, 10, 10], Image: undone)));
        Accept(alice, Erase("e", "b"));
        Accept(bob, new Undo(Op("u")));

        var used = App.Images.UsedImages.In(board.Capture());

        Assert.Equal(new HashSet<string> { shown, erased, undone }, used);
        Assert.DoesNotContain(never, used);
    }
}
