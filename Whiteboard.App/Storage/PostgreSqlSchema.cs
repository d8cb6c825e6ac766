using Npgsql;

namespace Whiteboard.App.Storage;

/// <summary>
/// The PostgreSQL store's tables: made in an empty database, brought up to date in an older one, refused in a
/// newer one. The version is kept in a table of its own, <c>schema_version</c>.
/// </summary>
internal static class PostgreSqlSchema
{
    private static int Version => Upgrades.Length;

    /// <summary>Any number the app's instances agree on: they take this lock so that only one of them prepares at a time.</summary>
    private const long PreparingLock = 0x5768_6974_6562_6f61;

    /// <summary>Puts the tables at this version, in one transaction, even when several instances start at once.</summary>
    public static async Task PrepareAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            locking.Parameters.Add(new NpgsqlParameter<long> { TypedValue = PreparingLock });
            await locking.ExecuteNonQueryAsync(cancellationToken);
        }

        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)", cancellationToken);
        int version;
        await using (var reading = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection, transaction))
        {
            version = (int)(await reading.ExecuteScalarAsync(cancellationToken))!;
        }

        if (version > Version)
        {
            throw new InvalidDataException(
                $"The PostgreSQL database was made by a newer Whiteboard (schema {version}; this one knows {Version}).");
        }

        if (version < Version)
        {
            await UpgradeAsync(connection, transaction, version, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Each version's changes, in order: an older database takes those after its own version.</summary>
    private static readonly string[] Upgrades =
    [
        // 1: boards, their operations and snapshots. Times as timestamptz (kept to the microsecond); operations and
        // snapshots as the same JSON text as SQLite's. The primary key (board, sequence) is what refuses a second writer of one board.
        """
        CREATE TABLE boards (id text PRIMARY KEY, name text NOT NULL, edit_key text NOT NULL UNIQUE, view_key text NOT NULL UNIQUE,
            created timestamptz NOT NULL, changed timestamptz NOT NULL);
        CREATE TABLE operations (board text NOT NULL, sequence bigint NOT NULL, author text NOT NULL, message text NOT NULL,
            PRIMARY KEY (board, sequence));
        CREATE TABLE snapshots (board text PRIMARY KEY, sequence bigint NOT NULL, state text NOT NULL);
        """,
        // 2: the Data Protection key ring the instances share (PostgreSqlKeyRing): each key's XML under its name.
        "CREATE TABLE data_protection_keys (name text PRIMARY KEY, xml text NOT NULL);",
        // 3: each board's images, once per board by their hash (IBoardImageStore).
        """
        CREATE TABLE images (board text NOT NULL, hash text NOT NULL, content_type text NOT NULL, width integer NOT NULL,
            height integer NOT NULL, bytes bytea NOT NULL, kept timestamptz NOT NULL, PRIMARY KEY (board, hash));
        """,
        // 4: the whole history. Each operation keeps when it was stored and its author's name and color then (null in rows
        // from before); every snapshot is kept, as a checkpoint, beside the one table's single latest snapshot it replaces.
        """
        ALTER TABLE operations ADD COLUMN at timestamptz, ADD COLUMN name text, ADD COLUMN color text;
        CREATE TABLE checkpoints (board text NOT NULL, sequence bigint NOT NULL, state text NOT NULL, PRIMARY KEY (board, sequence));
        INSERT INTO checkpoints (board, sequence, state) SELECT board, sequence, state FROM snapshots;
        DROP TABLE snapshots;
        """,
        // 5: the boards whose import has begun and not finished (IBoardImportStore): no link opens them.
        "CREATE TABLE unfinished_imports (board text PRIMARY KEY, started timestamptz NOT NULL);",
    ];

    private static async Task UpgradeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int from, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, transaction, $"""
            {string.Join('\n', Upgrades[from..])}
            DELETE FROM schema_version;
            INSERT INTO schema_version (version) VALUES ({Version});
            """, cancellationToken);

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
