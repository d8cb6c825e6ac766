namespace Whiteboard.App.Storage;

/// <summary>Who made an operation as the board showed them then: their name and color.</summary>
public sealed record SeatedAuthor(string Name, string Color);
