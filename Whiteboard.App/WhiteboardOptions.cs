namespace Whiteboard.App;

/// <summary>
/// The <c>Whiteboard</c> configuration section: where boards are kept, how many people and boards are held in
/// memory, how fast one client may make boards, and which other origins may use the app.
/// </summary>
public sealed class WhiteboardOptions
{
    public const string Section = "Whiteboard";

    /// <summary>Where the database lives; relative paths are taken from the app's content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Minutes a board nobody is on stays in memory before it is unloaded.</summary>
    public double UnloadIdleBoardsAfterMinutes { get; set; } = 10;

    /// <summary>People on this app instance at once; see <see cref="Boards.BoardRoomOptions.MaxParticipants"/>.</summary>
    public int MaxParticipants { get; set; } = new Boards.BoardRoomOptions().MaxParticipants;

    /// <summary>People on one board at once; see <see cref="Boards.BoardRoomOptions.MaxParticipantsPerBoard"/>.</summary>
    public int MaxParticipantsPerBoard { get; set; } = new Boards.BoardRoomOptions().MaxParticipantsPerBoard;

    /// <summary>
    /// New boards (the home page's button and imports together) one client address may make a minute, once
    /// its burst is spent; see <see cref="Security.BoardCreationLimiter"/>.
    /// </summary>
    public int BoardCreationsPerMinute { get; set; } = 30;

    /// <summary>
    /// New boards one client address may make at once, before the per-minute rate applies: a class behind one
    /// school address may each make a board in the same minute.
    /// </summary>
    public int BoardCreationBurst { get; set; } = 60;

    /// <summary>Images one client address may upload a minute, once its burst is spent; see <see cref="Images.ImageUploadLimiter"/>.</summary>
    public int ImageUploadsPerMinute { get; set; } = 30;

    /// <summary>Images one client address may upload at once: a class behind one school address each pasting a picture.</summary>
    public int ImageUploadBurst { get; set; } = 60;

    /// <summary>
    /// Origins besides the app's own host whose pages may create boards and open the circuit or the hub
    /// ("https://board.example.org"): the public address when a reverse proxy changes the Host header.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    public const string DatabaseFileName = "whiteboard.db";
}
