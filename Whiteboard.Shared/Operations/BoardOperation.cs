using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;

namespace Whiteboard.Shared.Operations;

/// <summary>What a participant asks the board to do. Built only from validated input.</summary>
public abstract record BoardOperation;

/// <summary>Draws or continues one element, named by its client-made id: a retry is recognised by the id.</summary>
public abstract record ElementOperation(ElementId Element) : BoardOperation;

/// <summary>Changes elements already on the board; the client-made <see cref="Op"/> makes a retry apply once.</summary>
public abstract record EditOperation(OperationId Op) : BoardOperation;

/// <summary>Starts a stroke with its first points. Sent again after a retry, it is recognised and ignored.</summary>
public sealed record BeginStroke(ElementId Element, StrokeStyle Style, IReadOnlyList<StrokePoint> Points)
    : ElementOperation(Element);

/// <summary>
/// Adds points to a stroke, saying where they start. A retried extension overlaps what the board
/// already has; only the points past the stroke's end are added, so extending is idempotent.
/// </summary>
public sealed record ExtendStroke(ElementId Element, int FromIndex, IReadOnlyList<StrokePoint> Points)
    : ElementOperation(Element);

/// <summary>The pen is lifted (or the shape let go): the element is complete and can be undone.</summary>
public sealed record FinishElement(ElementId Element) : ElementOperation(Element);

/// <summary>
/// Places a shape, or reshapes the author's shape while it is being dragged out; with
/// <paramref name="IsFinished"/> it is complete.
/// </summary>
public sealed record DrawShape(ElementId Element, ShapeKind Kind, StrokeStyle Style, BoardPoint From, BoardPoint To, bool IsFinished)
    : ElementOperation(Element);

public sealed record PlaceText(ElementId Element, StrokeStyle Style, BoardPoint At, string Content) : ElementOperation(Element);

public sealed record MoveElements(OperationId Op, IReadOnlyList<ElementId> Elements, float Dx, float Dy) : EditOperation(Op);

public sealed record EraseElements(OperationId Op, IReadOnlyList<ElementId> Elements) : EditOperation(Op);

/// <summary>Erases every finished element; one undo brings them all back.</summary>
public sealed record ClearBoard(OperationId Op) : EditOperation(Op);

/// <summary>Takes back the author's own latest add, move, erase or clear.</summary>
public sealed record Undo(OperationId Op) : EditOperation(Op);

public sealed record Redo(OperationId Op) : EditOperation(Op);

/// <summary>
/// Posts a chat message. The session sends it unstamped; the board's writer stamps it with the author as seated and
/// the time, and stores it stamped, so that replaying it never depends on who is seated. Never undone.
/// </summary>
public sealed record PostChat(OperationId Op, string Text, ChatStamp? Stamp) : EditOperation(Op);

/// <summary>Who posted a chat message, as they were seated then (name, color), and when.</summary>
public sealed record ChatStamp(string Name, string Color, DateTimeOffset At);

/// <summary>Places a sticky note of <paramref name="Paper"/> color, <paramref name="Size"/> units a side, its top-left corner at <paramref name="At"/>.</summary>
public sealed record PlaceNote(ElementId Element, string Paper, BoardPoint At, float Size, string Content) : ElementOperation(Element);

/// <summary>Replaces the content of a text or a note: one undo step, which puts the former content back.</summary>
public sealed record EditText(OperationId Op, ElementId Element, string Content) : EditOperation(Op);

/// <summary>Resizes one finished element so that its bounds become <paramref name="To"/>; one undo step.</summary>
public sealed record ResizeElement(OperationId Op, ElementId Element, Bounds To) : EditOperation(Op);

/// <summary>
/// Adds finished elements at once (a duplicate, a paste), under the client-made ids they carry; the sender is their
/// author. One undo step takes them all away.
/// </summary>
public sealed record AddElements(OperationId Op, IReadOnlyList<BoardElement> Elements) : EditOperation(Op);

/// <summary>Brings elements to the front (drawn over everything) or sends them to the back, keeping their own order.</summary>
public sealed record RestackElements(OperationId Op, IReadOnlyList<ElementId> Elements, bool ToFront) : EditOperation(Op);

/// <summary>
/// Places the board's stored image <paramref name="Hash"/> over the box from <paramref name="From"/> (top-left) to
/// <paramref name="To"/> (bottom-right). Its bytes were uploaded before, apart from the board's operations.
/// </summary>
public sealed record PlaceImage(ElementId Element, string Hash, BoardPoint From, BoardPoint To) : ElementOperation(Element);

/// <summary>
/// Makes the board look as it did right after operation <paramref name="Sequence"/>: one undo step. A client sends the
/// sequence only; the board's writer reads that moment from the history and puts its elements in
/// <paramref name="Moment"/> (finished, in drawing order), and stores it so: replaying it needs no history.
/// </summary>
public sealed record RestoreMoment(OperationId Op, long Sequence, IReadOnlyList<BoardElement>? Moment) : EditOperation(Op);
