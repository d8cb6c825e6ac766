using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;

namespace Whiteboard.Shared.Operations;

/// <summary>
/// Changes the style of elements on the board (a selection) in one step: each element takes the parts it can
/// (see <see cref="ElementStyles"/>); one undo puts back each element's own former style.
/// </summary>
public sealed record RestyleElements(OperationId Op, IReadOnlyList<ElementId> Elements, StyleChange Change) : EditOperation(Op);
