namespace Whiteboard.Shared.Validation;

/// <summary>What the board accepts: the one place these numbers live.</summary>
public static class BoardLimits
{
    /// <summary>Coordinates must lie within ±this many board units.</summary>
    public const float CoordinateLimit = 1_000_000f;

    public const float MinStrokeWidth = 0.5f;
    public const float MaxStrokeWidth = 200f;

    /// <summary>A frame carries a handful of points; this leaves room for a slow frame on a fast pen.</summary>
    public const int MaxPointsPerMessage = 2_000;

    public const int MaxMessagesPerBatch = 32;

    /// <summary>
    /// The largest message a connection accepts, in bytes. Roomy enough that an oversized batch
    /// arrives and is refused with a reason, instead of the transport dropping the connection.
    /// </summary>
    public const int MaxReceiveBytes = 4 * 1024 * 1024;
    public const int MaxPointsPerStroke = 20_000;
    public const int MaxElementIdLength = 32;
    public const int MaxElementsPerBoard = 100_000;
    public const int MaxColorLength = 32;
}
