using Whiteboard.Shared.Geometry;

namespace Whiteboard.Shared.Elements;

/// <summary>
/// Which element takes which part of a style, as Excalidraw has it: a fill for closed shapes (rectangles and
/// ellipses), a line style for shapes' lines and outlines, an opacity for every element. Pen strokes are drawn
/// solid: a stroke is drawn in pieces as it grows and where a pen's pressure changes, and a dash would start
/// again at every piece. A sticky note takes the opacity only: its paper is its color, and its side is its size.
/// </summary>
public static class ElementStyles
{
    /// <summary>
    /// A note's style: its text's ink, at the note's opacity. Its paper and its side are its own, never a style's color
    /// and width (a side can be far past any width, and a style is read back under a width's limits).
    /// </summary>
    private static readonly StrokeStyle NoteStyle = new(NoteLayout.Ink, 1);

    public static StrokeStyle? StyleOf(BoardElement element) => element switch
    {
        Stroke stroke => stroke.Style,
        Shape shape => shape.Style,
        Text text => text.Style,
        Note note => NoteStyle with { Opacity = note.Opacity },
        _ => null,
    };

    /// <summary>The element in a new style; an element of a kind with no style is returned as it is.</summary>
    public static BoardElement WithStyle(BoardElement element, StrokeStyle style) => element switch
    {
        Stroke stroke => stroke with { Style = style },
        Shape shape => shape with { Style = style },
        Text text => text with { Style = style },
        Note note => note with { Opacity = style.Opacity },
        _ => element,
    };

    /// <summary>Whether the element takes an ink color and a width (a note keeps its paper and its side).</summary>
    public static bool TakesInk(BoardElement element) => element is not Note;

    public static bool TakesFill(ShapeKind kind) => kind is ShapeKind.Rectangle or ShapeKind.Ellipse;

    public static bool TakesFill(BoardElement element) => element is Shape shape && TakesFill(shape.Kind);

    public static bool TakesLineStyle(BoardElement element) => element is Shape;

    /// <summary>Why an element of this kind cannot have this style, or null when it can.</summary>
    public static string? Refusal(BoardElement element, StrokeStyle style) =>
        style.Fill is not null && !TakesFill(element)
            ? "Only rectangles and ellipses take a fill."
            : style.Line != LineStyle.Solid && !TakesLineStyle(element)
                ? "Only shapes take a dashed or dotted line; pen strokes and text are drawn solid."
                : null;
}
