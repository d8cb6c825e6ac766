using System.Text.Json;
using Microsoft.Data.Sqlite;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.Validation;

namespace Whiteboard.App.Storage;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode. Each room's turn is one transaction,
/// so many participants' points cost one commit. Operations are kept as the same JSON messages a
/// client sends, and read back through the same validator, so a damaged row cannot load.
/// </summary>
public sealed class SqliteBoardStore : IBoardStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string connectionString;

    public SqliteBoardStore(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS boards (id TEXT PRIMARY KEY, created TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS operations (
                board TEXT NOT NULL, sequence INTEGER NOT NULL, author TEXT NOT NULL, message TEXT NOT NULL,
                PRIMARY KEY (board, sequence)) WITHOUT ROWID;
            """);
    }

    public async Task CreateBoardAsync(BoardId board, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO boards (id, created) VALUES ($id, $created)";
        command.Parameters.AddWithValue("$id", board.Value);
        command.Parameters.AddWithValue("$created", DateTimeOffset.UtcNow.ToString("O"));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> BoardExistsAsync(BoardId board, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM boards WHERE id = $id";
        command.Parameters.AddWithValue("$id", board.Value);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task AppendAsync(BoardId board, IReadOnlyList<StoredOperation> operations, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO operations (board, sequence, author, message) VALUES ($board, $sequence, $author, $message)";
        command.Parameters.AddWithValue("$board", board.Value);
        var sequence = command.Parameters.Add("$sequence", SqliteType.Integer);
        var author = command.Parameters.Add("$author", SqliteType.Text);
        var message = command.Parameters.Add("$message", SqliteType.Text);
        foreach (var operation in operations)
        {
            sequence.Value = operation.Sequence;
            author.Value = operation.Author.Value;
            message.Value = JsonSerializer.Serialize(BoardMessage.Of(operation.Operation), Json);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredOperation>> LoadAsync(BoardId board, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, author, message FROM operations WHERE board = $board ORDER BY sequence";
        command.Parameters.AddWithValue("$board", board.Value);
        var operations = new List<StoredOperation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequence = reader.GetInt64(0);
            var parsed = MessageValidator.Parse([JsonSerializer.Deserialize<BoardMessage>(reader.GetString(2), Json)]);
            if (!parsed.IsValid)
            {
                throw new InvalidDataException($"Board {board}: stored operation {sequence} is damaged: {parsed.Error}");
            }

            operations.Add(new StoredOperation(sequence, ParticipantId.Restore(reader.GetString(1)), parsed.Value![0]));
        }

        return operations;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
