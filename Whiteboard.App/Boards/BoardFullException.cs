namespace Whiteboard.App.Boards;

/// <summary>A newcomer was turned away: the board, or this app instance, has as many people as it takes.</summary>
public sealed class BoardFullException() : Exception("This board is full: it has as many people as it can take. Try again later.");
