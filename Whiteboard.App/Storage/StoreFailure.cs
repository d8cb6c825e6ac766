using Microsoft.Data.Sqlite;

namespace Whiteboard.App.Storage;

/// <summary>
/// Says in plain words what a store failure means, for anyone who sees it: the home page, a refused change,
/// /healthz. It never repeats an exception's own message, which names files and folders; the exception goes to
/// the operator's log where it is caught.
/// </summary>
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
        SqliteException sqlite => $"The database failed (SQLite error {sqlite.SqliteErrorCode}): the app's log says more.",
        // Written by the app itself about the stored data (a damaged row, a newer schema): plain words, no paths.
        InvalidDataException damaged => damaged.Message,
        IOException or UnauthorizedAccessException => "The data folder cannot be used: check that it can be made and written to; the app's log names it.",
        _ => "The board store failed: the app's log says more.",
    };
}
