using Whiteboard.Shared.Elements;

namespace Whiteboard.Shared.State;

/// <summary>
/// The whole board after event <paramref name="Sequence"/>, strokes still being drawn included, in drawing order, and
/// the chat's latest messages (<see cref="Validation.BoardLimits.ChatPage"/>; older ones are asked for).
/// </summary>
public sealed record BoardSnapshot(long Sequence, IReadOnlyList<BoardElement> Elements, IReadOnlyList<ChatMessage> Chat)
{
    /// <summary>What the board weighs, counted once: every reader it is sent to asks.</summary>
    public BoardSize Size { get; } = BoardSize.Of(Elements);
}
