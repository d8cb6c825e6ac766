using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.State;

/// <summary>What a board's content weighs against its limits: its points of ink, and its bytes as <see cref="BoardLimits.MaxBoardBytes"/> counts them.</summary>
public readonly record struct BoardSize(long Points, long Bytes)
{
    public static BoardSize Of(BoardElement element) => element switch
    {
        Stroke stroke => OfPoints(stroke.Points.Length) + Element,
        Text text => new BoardSize(0, (long)text.Content.Length * BoardLimits.BoardSizeBytesPerCharacter) + Element,
        Note note => new BoardSize(0, (long)note.Content.Length * BoardLimits.BoardSizeBytesPerCharacter) + Element,
        _ => Element,
    };

    /// <summary>A chat message: its text and its author's name, and as much again as an element for the rest.</summary>
    public static BoardSize Of(ChatMessage message) =>
        new BoardSize(0, (long)(message.Text.Length + message.Name.Length) * BoardLimits.BoardSizeBytesPerCharacter) + Element;

    public static BoardSize Of(IEnumerable<BoardElement> elements) =>
        elements.Aggregate(default(BoardSize), (total, element) => total + Of(element));

    /// <summary>Points added to a stroke already counted.</summary>
    public static BoardSize OfPoints(int points) => new(points, (long)points * BoardLimits.BoardSizeBytesPerPoint);

    /// <summary>The limit this size is over, or null when it is within them.</summary>
    public string? LimitExceeded => Points > BoardLimits.MaxPointsPerBoard
        ? $"a board holds at most {BoardLimits.MaxPointsPerBoard:N0} points of ink"
        : Bytes > BoardLimits.MaxBoardBytes
            ? $"a board's content may take at most {BoardLimits.MaxBoardBytes / (1024 * 1024)} MB"
            : null;

    /// <summary>Why the board cannot grow to this size, as its participants are told; null when it can.</summary>
    public string? Refusal => LimitExceeded is { } limit ? $"This board is full: {limit}. Erase something, or start a new board." : null;

    public static BoardSize operator +(BoardSize left, BoardSize right) => new(left.Points + right.Points, left.Bytes + right.Bytes);

    public static BoardSize operator -(BoardSize left, BoardSize right) => new(left.Points - right.Points, left.Bytes - right.Bytes);

    private static BoardSize Element => new(0, BoardLimits.BoardSizeBytesPerElement);
}
