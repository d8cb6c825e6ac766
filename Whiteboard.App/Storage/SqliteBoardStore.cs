using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Storage;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode. Each room's turn is one append, and
/// one writer commits the appends of every board waiting at that moment together, so many
/// participants' points, on many boards, cost one commit. That writer makes every other change
/// too (new boards, names, snapshots), in turn: two connections writing at once make one of them
/// wait on SQLite's lock, and Microsoft.Data.Sqlite waits by sleeping 150 ms at a time, which every
/// room's acknowledgements would wait for. Reads take no lock from the writer (WAL). Operations
/// are kept as the same JSON messages a client sends, and read back through the same validator,
/// so a damaged row cannot load.
/// The file is opened on first use, and again after a failure, so the app starts (and says what is
/// wrong) even when the data folder or the file cannot be used yet.
/// </summary>
public sealed class SqliteBoardStore : IBoardStore, IAsyncDisposable
{
    private const int SchemaVersion = 1;

    /// <summary>Boards' appends committed together at most: a bound on how long one commit takes.</summary>
    private const int MaxAppendsPerCommit = 256;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new FloatsAsBase64Converter() } };

    private readonly string databasePath;
    private readonly string connectionString;
    private readonly SemaphoreSlim preparing = new(1, 1);
    private readonly Channel<PendingWrite> writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task writer;
    private volatile bool prepared;

    public SqliteBoardStore(string databasePath)
    {
        this.databasePath = databasePath;
        connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString();
        writer = WriteAllAsync();
    }

    public Task CreateBoardAsync(BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken)
    {
        var state = content is null ? null : JsonSerializer.Serialize(content, Json);
        return WriteAsync(async connection =>
        {
            await ExecuteAsync(connection, """
                INSERT INTO boards (id, name, edit_key, view_key, created, changed) VALUES ($id, $name, $edit, $view, $changed, $changed)
                """, CancellationToken.None, ("$id", board.Id.Value), ("$name", board.Name), ("$edit", board.EditKey.Value),
                ("$view", board.ViewKey.Value), ("$changed", Time(board.Changed)));
            if (state is not null)
            {
                await WriteSnapshotAsync(connection, board.Id, 0, state);
            }
        }, cancellationToken);
    }

    public async Task<BoardRecord?> FindAsync(BoardKey key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection,
            "SELECT id, name, edit_key, view_key, changed FROM boards WHERE edit_key = $key OR view_key = $key", ("$key", key.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        if (!BoardId.TryParse(reader.GetString(0), out var id) || !BoardKey.TryParse(reader.GetString(2), out var edit)
            || !BoardKey.TryParse(reader.GetString(3), out var view))
        {
            throw new InvalidDataException($"The stored board {reader.GetString(0)} is damaged: its id or keys are not valid.");
        }

        var changed = DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        return new BoardRecord(id, reader.GetString(1), edit, view, changed);
    }

    public Task UpdateAsync(BoardRecord board, CancellationToken cancellationToken) =>
        WriteAsync(connection => ExecuteAsync(connection, "UPDATE boards SET name = $name, edit_key = $edit, changed = $changed WHERE id = $id",
            CancellationToken.None, ("$id", board.Id.Value), ("$name", board.Name), ("$edit", board.EditKey.Value), ("$changed", Time(board.Changed))),
            cancellationToken);

    /// <summary>
    /// Queues the operations for the store's one writer, which commits what every board queued
    /// meanwhile in one transaction (a group commit), and completes once they are committed.
    /// </summary>
    public Task AppendAsync(BoardId board, IReadOnlyList<StoredOperation> operations, DateTimeOffset changed, CancellationToken cancellationToken) =>
        Enqueue(new PendingAppend(board, operations, changed));

    public async ValueTask DisposeAsync()
    {
        writes.Writer.TryComplete();
        await writer;
    }

    /// <summary>Has the writer make a change in a transaction of its own, in turn with every other write.</summary>
    private Task WriteAsync(Func<SqliteConnection, Task> write, CancellationToken cancellationToken) =>
        Enqueue(new PendingChange(write)).WaitAsync(cancellationToken);

    private Task Enqueue(PendingWrite write) =>
        writes.Writer.TryWrite(write) ? write.Done.Task : throw new ObjectDisposedException(nameof(SqliteBoardStore));

    private async Task WriteAllAsync()
    {
        var batch = new List<PendingAppend>();
        while (await writes.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxAppendsPerCommit && writes.Reader.TryPeek(out var next) && next is PendingAppend append)
            {
                writes.Reader.TryRead(out _);
                batch.Add(append);
            }

            if (batch.Count > 0)
            {
                await CommitAppendsAsync(batch);
                batch.Clear();
            }
            else if (writes.Reader.TryRead(out var write))
            {
                await CommitAloneAsync(write);
            }
        }
    }

    private async Task CommitAppendsAsync(IReadOnlyList<PendingAppend> batch)
    {
        try
        {
            await CommitAsync(batch);
            foreach (var append in batch)
            {
                append.Done.TrySetResult();
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            // One board's write must not fail the others': each on its own, so only the bad one fails.
            foreach (var append in batch)
            {
                await CommitAloneAsync(append);
            }
        }
        catch (Exception exception)
        {
            batch[0].Done.TrySetException(exception);
        }
    }

    private async Task CommitAloneAsync(PendingWrite write)
    {
        try
        {
            await CommitAsync([write]);
            write.Done.TrySetResult();
        }
        catch (Exception exception)
        {
            write.Done.TrySetException(exception);
        }
    }

    /// <summary>Makes the writes in one transaction: appends, or one change.</summary>
    private async Task CommitAsync(IReadOnlyList<PendingWrite> batch)
    {
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var transaction = connection.BeginTransaction();
        if (batch is [PendingChange change])
        {
            await change.Write(connection);
        }
        else
        {
            await InsertAsync(connection, batch.Cast<PendingAppend>());
        }

        await transaction.CommitAsync();
    }

    private static async Task InsertAsync(SqliteConnection connection, IEnumerable<PendingAppend> appends)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO operations (board, sequence, author, message) VALUES ($board, $sequence, $author, $message)";
        var board = command.Parameters.Add("$board", SqliteType.Text);
        var sequence = command.Parameters.Add("$sequence", SqliteType.Integer);
        var author = command.Parameters.Add("$author", SqliteType.Text);
        var message = command.Parameters.Add("$message", SqliteType.Text);
        foreach (var append in appends)
        {
            board.Value = append.Board.Value;
            foreach (var operation in append.Operations)
            {
                sequence.Value = operation.Sequence;
                author.Value = operation.Author.Value;
                message.Value = JsonSerializer.Serialize(BoardMessage.Of(operation.Operation), Json);
                await command.ExecuteNonQueryAsync();
            }

            await ExecuteAsync(connection, "UPDATE boards SET changed = $changed WHERE id = $id", CancellationToken.None,
                ("$id", append.Board.Value), ("$changed", Time(append.Changed)));
        }
    }

    public Task SaveSnapshotAsync(BoardId board, long sequence, BoardStateRecord state, CancellationToken cancellationToken)
    {
        // Written down before its turn: the writer's turn is only the insert.
        var json = JsonSerializer.Serialize(state, Json);
        return WriteAsync(async connection =>
        {
            await WriteSnapshotAsync(connection, board, sequence, json);
            await ExecuteAsync(connection, "DELETE FROM operations WHERE board = $board AND sequence <= $sequence", CancellationToken.None,
                ("$board", board.Value), ("$sequence", sequence));
        }, cancellationToken);
    }

    public async Task<StoredBoard> LoadAsync(BoardId board, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // Deferred: a read, which in WAL mode never holds up the writer (an immediate one would, for the whole load).
        await using var transaction = connection.BeginTransaction(deferred: true);
        long snapshotSequence = 0;
        BoardStateRecord? snapshot = null;
        await using (var command = Command(connection, "SELECT sequence, state FROM snapshots WHERE board = $board", ("$board", board.Value)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                snapshotSequence = reader.GetInt64(0);
                // As the stored UTF-8 bytes: a large board's snapshot is tens of megabytes, not worth a string.
                snapshot = Deserialize<BoardStateRecord>(reader.GetFieldValue<byte[]>(1), $"Board {board}: its stored snapshot is damaged.");
            }
        }

        var operations = new List<StoredOperation>();
        await using (var command = Command(connection,
            "SELECT sequence, author, message FROM operations WHERE board = $board AND sequence > $after ORDER BY sequence",
            ("$board", board.Value), ("$after", snapshotSequence)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var sequence = reader.GetInt64(0);
                var damaged = $"Board {board}: stored operation {sequence} is damaged.";
                var parsed = MessageValidator.Parse([Deserialize<BoardMessage>(reader.GetFieldValue<byte[]>(2), damaged)]);
                if (!parsed.IsValid)
                {
                    throw new InvalidDataException($"{damaged} {parsed.Error}");
                }

                operations.Add(new StoredOperation(sequence, ParticipantId.Restore(reader.GetString(1)), parsed.Value![0]));
            }
        }

        return new StoredBoard(snapshotSequence, snapshot, operations);
    }

    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await ScalarAsync(connection, "SELECT count(*) FROM boards", cancellationToken);
            return SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1 ? StoreFailure.ReadOnlyFile : null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return StoreFailure.Describe(exception);
        }
    }

    private static async Task WriteSnapshotAsync(SqliteConnection connection, BoardId board, long sequence, string state) =>
        await ExecuteAsync(connection, """
            INSERT INTO snapshots (board, sequence, state) VALUES ($board, $sequence, $state)
            ON CONFLICT (board) DO UPDATE SET sequence = excluded.sequence, state = excluded.state
            """, CancellationToken.None, ("$board", board.Value), ("$sequence", sequence), ("$state", state));

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!prepared)
        {
            await PrepareAsync(cancellationToken);
        }

        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
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

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken);
            await using var transaction = connection.BeginTransaction();
            var version = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version", cancellationToken), CultureInfo.InvariantCulture);
            if (version > SchemaVersion)
            {
                throw new InvalidDataException(
                    $"The database file was made by a newer Whiteboard (schema {version}; this one knows {SchemaVersion}).");
            }

            if (version < SchemaVersion)
            {
                await UpgradeAsync(connection, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            prepared = true;
        }
        finally
        {
            preparing.Release();
        }
    }

    private static async Task UpgradeAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var hadBoards = await ScalarAsync(connection, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'boards'", cancellationToken)
            is not null;
        if (hadBoards)
        {
            // Schema 0 knew only ids: each board's id was the secret in its link, so it stays its edit key.
            await ExecuteAsync(connection, $"""
                ALTER TABLE boards ADD COLUMN name TEXT NOT NULL DEFAULT '{BoardName.Default}';
                ALTER TABLE boards ADD COLUMN edit_key TEXT;
                ALTER TABLE boards ADD COLUMN view_key TEXT;
                ALTER TABLE boards ADD COLUMN changed TEXT;
                UPDATE boards SET edit_key = id, changed = created;
                """, cancellationToken);
            var ids = new List<string>();
            await using (var command = Command(connection, "SELECT id FROM boards"))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetString(0));
                }
            }

            foreach (var id in ids)
            {
                await ExecuteAsync(connection, "UPDATE boards SET view_key = $view WHERE id = $id", cancellationToken,
                    ("$id", id), ("$view", BoardKey.New().Value));
            }
        }
        else
        {
            await ExecuteAsync(connection, """
                CREATE TABLE boards (id TEXT PRIMARY KEY, name TEXT NOT NULL, edit_key TEXT NOT NULL, view_key TEXT NOT NULL,
                    created TEXT NOT NULL, changed TEXT NOT NULL);
                """, cancellationToken);
        }

        await ExecuteAsync(connection, $"""
            CREATE UNIQUE INDEX boards_edit_key ON boards (edit_key);
            CREATE UNIQUE INDEX boards_view_key ON boards (view_key);
            CREATE TABLE IF NOT EXISTS operations (
                board TEXT NOT NULL, sequence INTEGER NOT NULL, author TEXT NOT NULL, message TEXT NOT NULL,
                PRIMARY KEY (board, sequence)) WITHOUT ROWID;
            CREATE TABLE snapshots (board TEXT PRIMARY KEY, sequence INTEGER NOT NULL, state TEXT NOT NULL);
            PRAGMA user_version = {SchemaVersion};
            """, cancellationToken);
    }

    private static T Deserialize<T>(byte[] json, string whenDamaged)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidDataException(whenDamaged);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException(whenDamaged, exception);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A write waiting for the writer, done once it is committed.</summary>
    private abstract record PendingWrite
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Operations to append, committed together with the other boards' appends waiting beside them.</summary>
    private sealed record PendingAppend(BoardId Board, IReadOnlyList<StoredOperation> Operations, DateTimeOffset Changed) : PendingWrite;

    /// <summary>Any other change, in a transaction of its own.</summary>
    private sealed record PendingChange(Func<SqliteConnection, Task> Write) : PendingWrite;

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
