namespace Whiteboard.App.Images;

/// <summary>
/// An image as a board keeps it: the bytes the app wrote itself (never the upload's own), their type, their size in
/// pixels, and their hash, which names the image on its board.
/// </summary>
public sealed record BoardImage(string Hash, string ContentType, int Width, int Height, byte[] Bytes);
