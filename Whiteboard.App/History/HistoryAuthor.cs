namespace Whiteboard.App.History;

/// <summary>Someone who drew on the board, as they were shown then: their name and color (a CSS color).</summary>
public sealed record HistoryAuthor(string Name, string Color);
