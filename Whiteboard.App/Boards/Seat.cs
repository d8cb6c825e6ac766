namespace Whiteboard.App.Boards;

/// <summary>
/// One person on a board as the others see them (one per open page): a number the room gave them,
/// their name and color, and whether they are drawing right now or their connection is down.
/// </summary>
public sealed record Seat(int Number, string Name, string Color, bool IsDrawing, bool IsConnected);
