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
    /// <summary>Element and operation ids are made by clients: short base64url tokens.</summary>
    public const int MaxIdLength = 32;
    public const int MaxElementsPerBoard = 100_000;
    public const int MaxColorLength = 32;

    /// <summary>Characters of one text element: a long paragraph, not a file.</summary>
    public const int MaxTextLength = 10_000;

    /// <summary>One move or erase may name every element of a full board (select all, then move).</summary>
    public const int MaxElementsPerEdit = MaxElementsPerBoard;

    /// <summary>Undo steps kept per participant; the oldest are forgotten first.</summary>
    public const int MaxUndoSteps = 500;

    /// <summary>Operations a participant may send per second, on average, and in one burst.</summary>
    public const int OperationsPerSecond = 400;
    public const int OperationBurst = 1_200;

    /// <summary>Characters of a board's name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Characters of a person's name: enough for a full name, short enough to label a cursor.</summary>
    public const int MaxDisplayNameLength = 40;

    /// <summary>
    /// Pointer positions a participant may send per second, on average, and in one burst. A browser
    /// sends about 30 a second (shared-numbers.js, pointerInterval; SharedNumbersTests proves it stays
    /// under); the rest of a flood is dropped, since a late pointer is worthless.
    /// </summary>
    public const int PointerMovesPerSecond = 40;
    public const int PointerMoveBurst = 40;

    /// <summary>
    /// The largest board file an import reads: a full board of long strokes (64 MB), and its images written as base64 (a
    /// third more than <see cref="MaxImageBytesPerBoard"/>), so that every board's export imports.
    /// </summary>
    public const int MaxImportBytes = 64 * 1024 * 1024 + (int)(MaxImageBytesPerBoard / 3 * 4) + 1024 * 1024;

    /// <summary>
    /// Changes of names and links a participant may make per second, on average, and in one burst (their own
    /// name, the board's name, a new edit link: each is stored or sent to everyone): a person typing a name
    /// makes a few; a script renaming in a loop is refused past the burst and its names reach nobody.
    /// </summary>
    public const int RenamesPerSecond = 1;
    public const int RenameBurst = 5;

    /// <summary>
    /// Points of ink on one board at once (erased ones do not count). The large-board bench's board, far
    /// denser than any lesson's, holds 1,000,000; one participant could otherwise store millions in
    /// seconds within every other limit, and each reader of the board pays for every point.
    /// </summary>
    public const int MaxPointsPerBoard = 2_000_000;

    /// <summary>
    /// What one board's content may weigh, counted as <see cref="BoardSizeBytesPerPoint"/> a point,
    /// <see cref="BoardSizeBytesPerCharacter"/> a character of text and <see cref="BoardSizeBytesPerElement"/>
    /// an element: a board at the point and element limits weighs 34 MB, and the rest leaves room for
    /// 7 million characters of text, far more than a real board carries; text alone could otherwise reach gigabytes.
    /// </summary>
    public const long MaxBoardBytes = 48L * 1024 * 1024;

    /// <summary>A stroke point held as three 32-bit floats (x, y, pressure).</summary>
    public const int BoardSizeBytesPerPoint = 12;

    /// <summary>A character of text as .NET holds it (UTF-16).</summary>
    public const int BoardSizeBytesPerCharacter = 2;

    /// <summary>An element's id, author, style and position, about.</summary>
    public const int BoardSizeBytesPerElement = 100;

    /// <summary>Characters of one chat message: a question or an answer, not an essay.</summary>
    public const int MaxChatLength = 1_000;

    /// <summary>
    /// Chat messages a participant may send per second, on average, and in one burst: a person typing sends one every
    /// few seconds; a script posting in a loop is refused past the burst, and its messages reach nobody.
    /// </summary>
    public const int ChatMessagesPerSecond = 1;
    public const int ChatBurst = 5;

    /// <summary>
    /// Moments one person may restore in a minute: each reads a moment from the history, and stores and sends a whole board,
    /// for one operation of the rate above. Someone going back to a moment, and perhaps to another, restores one or two.
    /// </summary>
    public const int RestoresPerMinute = 3;

    /// <summary>Chat messages a snapshot carries (the latest), and an ask for older ones answers at most.</summary>
    public const int ChatPage = 200;

    /// <summary>A sticky note's side, in board units: from a label to a poster.</summary>
    public const float MinNoteSize = 40;
    public const float MaxNoteSize = 2_000;

    /// <summary>The faintest an element may be drawn (its opacity, up to 1): fainter, it could not be seen to be selected or erased.</summary>
    public const float MinOpacity = 0.1f;

    /// <summary>
    /// Characters of clipboard JSON one copy, duplicate or paste may carry: it crosses the circuit whole, twice (to the
    /// server to be read, back as one "add" edit), so it stays under <see cref="MaxReceiveBytes"/> even were every
    /// character sent escaped (six bytes).
    /// </summary>
    public const int MaxCopyLength = 512 * 1024;

    /// <summary>The largest image file a person may place: a phone photo or a scanned page fits.</summary>
    public const int MaxImageBytes = 10 * 1024 * 1024;

    /// <summary>
    /// Pixels of one image, read from its header before any is decoded: a decompression bomb (a tiny file claiming
    /// 50,000 x 50,000) is refused without the 10 GB its pixels would take. 40 MP is a large camera's photo.
    /// </summary>
    public const long MaxImagePixels = 40_000_000;

    /// <summary>An image's smallest side on the board, in board units.</summary>
    public const float MinImageSide = 1;

    /// <summary>
    /// Bytes of the images one board keeps (each stored once, whatever number of elements show it): a lesson's worth of
    /// scanned worksheets and photos. Its export carries them all, within <see cref="MaxImportBytes"/>.
    /// </summary>
    public const long MaxImageBytesPerBoard = 32L * 1024 * 1024;
}
