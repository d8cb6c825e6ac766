using Microsoft.Data.Sqlite;

namespace Whiteboard.App.Storage;

/// <summary>Says in plain words what a store failure means for the person running the app.</summary>
public static class StoreFailure
{
    // SQLite's primary result codes (https://sqlite.org/rescode.html).
    private const int ReadOnly = 8;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CannotOpen = 14;
    private const int NotADatabase = 26;

    public const string ReadOnlyFile = "The database file is read-only: boards can be watched but not changed.";

    public static string Describe(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: Full } => "The disk is full: changes cannot be saved until space is freed.",
        SqliteException { SqliteErrorCode: ReadOnly } => ReadOnlyFile,
        SqliteException { SqliteErrorCode: Corrupt or NotADatabase } => "The database file is damaged (not a readable SQLite database).",
        SqliteException { SqliteErrorCode: CannotOpen } => "The database file cannot be opened: check the data folder and its permissions.",
        SqliteException sqlite => $"The database failed: {sqlite.Message}",
        InvalidDataException damaged => damaged.Message,
        IOException or UnauthorizedAccessException => $"The data folder cannot be used: {exception.Message}",
        _ => $"The board store failed: {exception.Message}",
    };
}
