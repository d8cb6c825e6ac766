namespace Whiteboard.App.Storage;

/// <summary>
/// When an unfinished import (<see cref="IBoardImportStore"/>) is one a stopped process left, to be removed. A SQLite
/// file is one instance's, so an import begun before this process opened it is such a one; a PostgreSQL database is
/// shared, and another instance may be writing an import right now, so only one begun more than
/// <see cref="Abandoned"/> ago is (an import of the largest file takes minutes at most).
/// </summary>
public static class UnfinishedImports
{
    public static readonly TimeSpan Abandoned = TimeSpan.FromHours(1);

    public const string Removed = "The board's import took too long and was removed as abandoned: import the file again.";
}
