using Whiteboard.App.Boards;

namespace Whiteboard.App.Canvas;

/// <summary>
/// Who is on the board as one batch tells the page (<c>wwwroot/board/cursors.js</c>): everyone, only when the
/// batch has a snapshot, then the changes after it by seat number, in order. A change costs the page the same
/// however many people are on the board.
/// </summary>
public sealed record CanvasPeople(IReadOnlyList<Seat>? Everyone, IReadOnlyList<SeatChange> Changes);
