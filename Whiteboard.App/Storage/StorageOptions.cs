namespace Whiteboard.App.Storage;

/// <summary>The <c>Whiteboard</c> configuration section's storage settings.</summary>
public sealed class StorageOptions
{
    public const string Section = "Whiteboard";

    /// <summary>Where the database lives; relative paths are taken from the app's content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Minutes a board nobody is on stays in memory before it is unloaded.</summary>
    public double UnloadIdleBoardsAfterMinutes { get; set; } = 10;

    public const string DatabaseFileName = "whiteboard.db";
}
