using Microsoft.Data.Sqlite;

namespace Whiteboard.App.Storage;

/// <summary>
/// The SQLite store's file. It is opened on first use, and again after a failure, so the app starts (and
/// says what is wrong) even when the data folder or the file cannot be used yet.
/// </summary>
internal sealed class SqliteDatabase(string path)
{
    private readonly string connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
    private readonly SemaphoreSlim preparing = new(1, 1);
    private volatile bool prepared;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!prepared)
        {
            await PrepareAsync(cancellationToken);
        }

        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Null when the file can be read and written; otherwise what is wrong, in words for the person running the app.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await connection.ScalarAsync("SELECT count(*) FROM boards", cancellationToken);
            return SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1 ? StoreFailure.ReadOnlyFile : null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return StoreFailure.Describe(exception);
        }
    }

    /// <summary>Makes the folder and the tables, or brings an older file's tables up to date; once it has worked.</summary>
    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await preparing.WaitAsync(cancellationToken);
        try
        {
            if (prepared)
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await SqliteSchema.PrepareAsync(connection, cancellationToken);
            prepared = true;
        }
        finally
        {
            preparing.Release();
        }
    }
}
