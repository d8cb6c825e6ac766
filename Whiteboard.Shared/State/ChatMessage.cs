namespace Whiteboard.Shared.State;

/// <summary>
/// One chat message on a board: its <paramref name="Number"/> (1 for the board's first, in the board's one order),
/// who posted it as they were seated then (<paramref name="Name"/>, <paramref name="Color"/>), when, and its text.
/// </summary>
public sealed record ChatMessage(long Number, string Name, string Color, DateTimeOffset At, string Text);
