using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Boards;

/// <summary>
/// Where one person's pointer is and what part of the board they are looking at, in board
/// coordinates: the point at the middle of their screen and their zoom. Others draw the pointer
/// as a cursor under their own view, and follow the view when they choose to. With <see cref="Laser"/> on, the
/// person is presenting with the laser pointer: the others' pages draw a fading trail through its positions.
/// </summary>
public sealed record Pointer(float X, float Y, bool OnBoard, float ViewX, float ViewY, float ViewScale, bool Laser = false)
{
    /// <summary>
    /// The zooms a browser can show (shared-numbers.js, viewScale). Doubles, as the browser sends them: as a float,
    /// 0.1 is a little more than the browser's 0.1, and would drop a pointer at the least zoom.
    /// </summary>
    public const double MinScale = 0.1, MaxScale = 8;

    /// <summary>
    /// The pointer, when every number is one a browser could send; null otherwise, and for a laser off the board,
    /// which no browser sends either (the laser is drawn where the pointer is).
    /// </summary>
    public static Pointer? TryCreate(double x, double y, bool onBoard, double viewX, double viewY, double viewScale, bool laser = false) =>
        IsCoordinate(x) && IsCoordinate(y) && IsCoordinate(viewX) && IsCoordinate(viewY)
        && double.IsFinite(viewScale) && viewScale >= MinScale && viewScale <= MaxScale && (onBoard || !laser)
            ? new Pointer((float)x, (float)y, onBoard, (float)viewX, (float)viewY, (float)viewScale, laser)
            : null;

    // A view may look past the board's edge; twice the coordinate limit is as far as a pointer can be.
    private static bool IsCoordinate(double value) => double.IsFinite(value) && Math.Abs(value) <= 2 * (double)BoardLimits.CoordinateLimit;
}

/// <summary>The latest pointer of the person in one seat.</summary>
public sealed record SeatPointer(int Seat, Pointer Pointer);
