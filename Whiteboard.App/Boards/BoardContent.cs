using Whiteboard.App.Storage;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Boards;

/// <summary>A board as its exports see it: its record, its elements in drawing order and its chat, oldest first.</summary>
public sealed record BoardContent(BoardRecord Record, IReadOnlyList<BoardElement> Elements, IReadOnlyList<ChatMessage> Chat);
