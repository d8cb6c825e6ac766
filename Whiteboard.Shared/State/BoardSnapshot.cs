using Whiteboard.Shared.Elements;

namespace Whiteboard.Shared.State;

/// <summary>The whole board after event <paramref name="Sequence"/>, strokes still being drawn included, in drawing order.</summary>
public sealed record BoardSnapshot(long Sequence, IReadOnlyList<BoardElement> Elements)
{
    /// <summary>What the board weighs, counted once: every reader it is sent to asks.</summary>
    public BoardSize Size { get; } = BoardSize.Of(Elements);
}
