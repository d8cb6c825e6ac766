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

/// <summary>
/// The board's finished elements were replaced (a moment restored): undo puts <see cref="Before"/> back in their order,
/// redo <see cref="After"/> again.
/// </summary>
internal sealed record Replaced(IReadOnlyList<BoardElement> Before, IReadOnlyList<BoardElement> After) : HistoryStep;
