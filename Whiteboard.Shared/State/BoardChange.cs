using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;

namespace Whiteboard.Shared.State;

/// <summary>What an applied operation changed, carrying the elements as they are after the change.</summary>
public abstract record BoardChange;

public sealed record StrokeStarted(Stroke Stroke) : BoardChange;

/// <summary>Points were added to a stroke; the new ones start at <paramref name="From"/>.</summary>
public sealed record StrokeExtended(Stroke Stroke, int From) : BoardChange;

/// <summary>The author finished the element; it looks as it did.</summary>
public sealed record ElementFinished(BoardElement Element) : BoardChange;

/// <summary>
/// Elements drawn anew: each replaces the element with its id where it stands in the drawing
/// order, or, when the board does not show it (a new or restored element), goes on top.
/// </summary>
public sealed record ElementsDrawn(IReadOnlyList<BoardElement> Elements) : BoardChange;

/// <summary>Elements taken off the board. May be empty: an undo whose elements others had already erased.</summary>
public sealed record ElementsErased(IReadOnlyList<ElementId> Elements) : BoardChange;

/// <summary>A chat message was posted; the board's elements did not change.</summary>
public sealed record ChatPosted(ChatMessage Message) : BoardChange;

/// <summary>
/// Elements changed places in the drawing order (brought to the front, sent to the back, or put back by an undo): apply
/// <paramref name="Places"/> one after another (<see cref="StackOrder.Apply"/>).
/// </summary>
public sealed record ElementsRestacked(IReadOnlyList<StackPlace> Places) : BoardChange;

/// <summary>
/// The board was made to look as it did at an earlier moment (or back as it was before that): <paramref name="Erased"/>
/// go, then <paramref name="Drawn"/> go on top, in this order.
/// </summary>
public sealed record BoardRestored(IReadOnlyList<ElementId> Erased, IReadOnlyList<BoardElement> Drawn) : BoardChange;
