namespace Whiteboard.App;

/// <summary>The <c>Whiteboard</c> configuration section: where boards are kept, and how many people and boards are held in memory.</summary>
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

    public const string DatabaseFileName = "whiteboard.db";
}
