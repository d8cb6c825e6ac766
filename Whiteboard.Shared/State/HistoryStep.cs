using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;

namespace Whiteboard.Shared.State;

/// <summary>One thing a participant did that they can undo, holding what undoing and redoing need.</summary>
internal abstract record HistoryStep;

/// <summary>Elements came onto the board (drawn, placed). Undo erases them; redo brings these versions back.</summary>
internal sealed record Appeared(IReadOnlyList<BoardElement> Elements) : HistoryStep;

/// <summary>Elements were erased (eraser, delete, clear). Undo brings these versions back; redo erases them again.</summary>
internal sealed record Disappeared(IReadOnlyList<BoardElement> Elements) : HistoryStep;

/// <summary>Elements were moved. Undo moves them back by the same distance, wherever others have put them since.</summary>
internal sealed record Moved(IReadOnlyList<ElementId> Elements, float Dx, float Dy) : HistoryStep;

/// <summary>A text's or note's content was changed. Undo puts <see cref="Before"/> back; redo <see cref="After"/> again.</summary>
internal sealed record Retexted(ElementId Element, string Before, string After) : HistoryStep;

/// <summary>Elements were restyled. Undo gives each still there its own former style back; redo, the style it was given.</summary>
internal sealed record Restyled(IReadOnlyList<StyleSwap> Elements) : HistoryStep;

/// <summary>One element's style before and after a restyle.</summary>
internal sealed record StyleSwap(ElementId Id, StrokeStyle Before, StrokeStyle After);

/// <summary>An element was resized. Undo puts the version before back (where it was, as it was); redo the version after.</summary>
internal sealed record Resized(BoardElement Before, BoardElement After) : HistoryStep;

/// <summary>
/// Elements were brought to the front or sent to the back. Undo puts them back at their former places in the drawing
/// order (ascending, as <paramref name="FormerPlaces"/> lists them); redo restacks them again.
/// </summary>
internal sealed record Restacked(IReadOnlyList<ElementId> Elements, bool ToFront, IReadOnlyList<int> FormerPlaces) : HistoryStep;

/// <summary>
/// The board's finished elements were replaced (a moment restored): undo puts <see cref="Before"/> back in their order,
/// redo <see cref="After"/> again.
/// </summary>
internal sealed record Replaced(IReadOnlyList<BoardElement> Before, IReadOnlyList<BoardElement> After) : HistoryStep;
