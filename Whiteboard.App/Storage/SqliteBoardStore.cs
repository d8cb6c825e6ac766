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
/// participants' points, on many boards, cost one commit. Operations are kept as the same JSON messages a
/// client sends, and read back through the same validator, so a damaged row cannot load.
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
    private readonly Channel<PendingAppend> appends = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task writer;
    private volatile bool prepared;

    public SqliteBoardStore(string databasePath)
    {
        this.databasePath = databasePath;
        connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString();
        writer = WriteAppendsAsync();
    }

    public async Task CreateBoardAsync(BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await ExecuteAsync(connection, """
            INSERT INTO boards (id, name, edit_key, view_key, created, changed) VALUES ($id, $name, $edit, $view, $changed, $changed)
            """, cancellationToken, ("$id", board.Id.Value), ("$name", board.Name), ("$edit", board.EditKey.Value),
            ("$view", board.ViewKey.Value), ("$changed", Time(board.Changed)));
        if (content is not null)
        {
            await WriteSnapshotAsync(connection, board.Id, 0, content, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
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

    public async Task UpdateAsync(BoardRecord board, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "UPDATE boards SET name = $name, edit_key = $edit, changed = $changed WHERE id = $id",
            cancellationToken, ("$id", board.Id.Value), ("$name", board.Name), ("$edit", board.EditKey.Value), ("$changed", Time(board.Changed)));
    }

    /// <summary>
    /// Queues the operations for the store's one writer, which commits what every board queued
    /// meanwhile in one transaction (a group commit), and completes once they are committed.
    /// </summary>
    public Task AppendAsync(BoardId board, IReadOnlyList<StoredOperation> operations, DateTimeOffset changed, CancellationToken cancellationToken)
    {
        var append = new PendingAppend(board, operations, changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return appends.Writer.TryWrite(append) ? append.Done.Task : throw new ObjectDisposedException(nameof(SqliteBoardStore));
    }

    public async ValueTask DisposeAsync()
    {
        appends.Writer.TryComplete();
        await writer;
    }

    private async Task WriteAppendsAsync()
    {
        var batch = new List<PendingAppend>();
        while (await appends.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxAppendsPerCommit && appends.Reader.TryRead(out var append))
            {
                batch.Add(append);
            }

            try
            {
                await CommitAsync(batch);
                batch.ForEach(append => append.Done.TrySetResult());
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

            batch.Clear();
        }
    }

    private async Task CommitAloneAsync(PendingAppend append)
    {
        try
        {
            await CommitAsync([append]);
            append.Done.TrySetResult();
        }
        catch (Exception exception)
        {
            append.Done.TrySetException(exception);
        }
    }

    private async Task CommitAsync(IReadOnlyList<PendingAppend> batch)
    {
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO operations (board, sequence, author, message) VALUES ($board, $sequence, $author, $message)";
        var board = command.Parameters.Add("$board", SqliteType.Text);
        var sequence = command.Parameters.Add("$sequence", SqliteType.Integer);
        var author = command.Parameters.Add("$author", SqliteType.Text);
        var message = command.Parameters.Add("$message", SqliteType.Text);
        foreach (var append in batch)
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

        await transaction.CommitAsync();
    }

    public async Task SaveSnapshotAsync(BoardId board, long sequence, BoardStateRecord state, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await WriteSnapshotAsync(connection, board, sequence, state, cancellationToken);
        await ExecuteAsync(connection, "DELETE FROM operations WHERE board = $board AND sequence <= $sequence", cancellationToken,
            ("$board", board.Value), ("$sequence", sequence));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<StoredBoard> LoadAsync(BoardId board, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
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

    private static async Task WriteSnapshotAsync(
        SqliteConnection connection, BoardId board, long sequence, BoardStateRecord state, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, """
            INSERT INTO snapshots (board, sequence, state) VALUES ($board, $sequence, $state)
            ON CONFLICT (board) DO UPDATE SET sequence = excluded.sequence, state = excluded.state
            """, cancellationToken, ("$board", board.Value), ("$sequence", sequence), ("$state", JsonSerializer.Serialize(state, Json)));

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

    private sealed record PendingAppend(BoardId Board, IReadOnlyList<StoredOperation> Operations, DateTimeOffset Changed, TaskCompletionSource Done);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
