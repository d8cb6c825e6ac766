using System.Globalization;
using Microsoft.Data.Sqlite;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Storage;

/// <summary>The SQLite store's tables: made in a new file, brought up to date in an older one, refused in a newer one.</summary>
internal static class SqliteSchema
{
    private const int Version = 4;

    /// <summary>Puts the file in WAL mode and its tables at this version, in one transaction.</summary>
    public static async Task PrepareAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL", cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var version = Convert.ToInt32(await connection.ScalarAsync("PRAGMA user_version", cancellationToken), CultureInfo.InvariantCulture);
        if (version > Version)
        {
            throw new InvalidDataException(
                $"The database file was made by a newer Whiteboard (schema {version}; this one knows {Version}).");
        }

        if (version < 1)
        {
            await UpgradeAsync(connection, cancellationToken);
        }

        if (version < 2)
        {
            await AddImagesAsync(connection, cancellationToken);
        }

        if (version < 3)
        {
            await KeepHistoryAsync(connection, cancellationToken);
        }

        if (version < 4)
        {
            await AddUnfinishedImportsAsync(connection, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Schema 1: boards with their keys, operations and snapshots (from schema 0, or a new file).</summary>
    private static async Task UpgradeAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var hadBoards = await connection.ScalarAsync("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'boards'", cancellationToken)
            is not null;
        if (hadBoards)
        {
            // Schema 0 knew only ids: each board's id was the secret in its link, so it stays its edit key.
            await connection.ExecuteAsync($"""
                ALTER TABLE boards ADD COLUMN name TEXT NOT NULL DEFAULT '{BoardName.Default}';
                ALTER TABLE boards ADD COLUMN edit_key TEXT;
                ALTER TABLE boards ADD COLUMN view_key TEXT;
                ALTER TABLE boards ADD COLUMN changed TEXT;
                UPDATE boards SET edit_key = id, changed = created;
                """, cancellationToken);
            var ids = new List<string>();
            await using (var command = connection.Command("SELECT id FROM boards"))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetString(0));
                }
            }

            foreach (var id in ids)
            {
                await connection.ExecuteAsync("UPDATE boards SET view_key = $view WHERE id = $id", cancellationToken,
                    ("$id", id), ("$view", BoardKey.New().Value));
            }
        }
        else
        {
            await connection.ExecuteAsync("""
                CREATE TABLE boards (id TEXT PRIMARY KEY, name TEXT NOT NULL, edit_key TEXT NOT NULL, view_key TEXT NOT NULL,
                    created TEXT NOT NULL, changed TEXT NOT NULL);
                """, cancellationToken);
        }

        await connection.ExecuteAsync($"""
            CREATE UNIQUE INDEX boards_edit_key ON boards (edit_key);
            CREATE UNIQUE INDEX boards_view_key ON boards (view_key);
            CREATE TABLE IF NOT EXISTS operations (
                board TEXT NOT NULL, sequence INTEGER NOT NULL, author TEXT NOT NULL, message TEXT NOT NULL,
                PRIMARY KEY (board, sequence)) WITHOUT ROWID;
            CREATE TABLE snapshots (board TEXT PRIMARY KEY, sequence INTEGER NOT NULL, state TEXT NOT NULL);
            PRAGMA user_version = 1;
            """, cancellationToken);
    }

    /// <summary>Schema 2: each board's images, once per board by their hash (<see cref="IBoardImageStore"/>).</summary>
    private static async Task AddImagesAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync("""
            CREATE TABLE images (board TEXT NOT NULL, hash TEXT NOT NULL, content_type TEXT NOT NULL, width INTEGER NOT NULL,
                height INTEGER NOT NULL, bytes BLOB NOT NULL, kept TEXT NOT NULL, PRIMARY KEY (board, hash)) WITHOUT ROWID;
            PRAGMA user_version = 2;
            """, cancellationToken);

    /// <summary>
    /// Schema 3: the whole history. Each operation keeps when it was stored and its author's name and color then (null in
    /// rows from before); every snapshot is kept, as a checkpoint, beside the one table's single latest snapshot it replaces.
    /// </summary>
    private static async Task KeepHistoryAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync("""
            ALTER TABLE operations ADD COLUMN at TEXT;
            ALTER TABLE operations ADD COLUMN name TEXT;
            ALTER TABLE operations ADD COLUMN color TEXT;
            CREATE TABLE checkpoints (board TEXT NOT NULL, sequence INTEGER NOT NULL, state TEXT NOT NULL, PRIMARY KEY (board, sequence));
            INSERT INTO checkpoints (board, sequence, state) SELECT board, sequence, state FROM snapshots;
            DROP TABLE snapshots;
            PRAGMA user_version = 3;
            """, cancellationToken);

    /// <summary>Schema 4: the boards whose import has begun and not finished (<see cref="IBoardImportStore"/>): no link opens them.</summary>
    private static async Task AddUnfinishedImportsAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync("""
            CREATE TABLE unfinished_imports (board TEXT PRIMARY KEY, started TEXT NOT NULL) WITHOUT ROWID;
            PRAGMA user_version = 4;
            """, cancellationToken);
}
