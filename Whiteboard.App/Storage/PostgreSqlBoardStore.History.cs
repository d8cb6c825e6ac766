using System.Text;
using Npgsql;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Storage;

/// <summary>A board's history in the PostgreSQL database: every operation (schema 4 keeps their times) and every checkpoint.</summary>
public sealed partial class PostgreSqlBoardStore
{
    public async Task<HistorySpan> ReadSpanAsync(BoardId board, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT min(sequence) FROM checkpoints WHERE board = $1), (SELECT max(sequence) FROM checkpoints WHERE board = $1),
                (SELECT min(sequence) FROM operations WHERE board = $1), (SELECT max(sequence) FROM operations WHERE board = $1)
            """, connection)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = board.Value } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        long? Number(int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);
        return HistorySpan.Of(Number(0), Number(1), Number(2), Number(3));
    }

    public async Task<StoredCheckpoint?> ReadCheckpointAsync(BoardId board, long atMost, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT sequence, state FROM checkpoints WHERE board = $1 AND sequence <= $2 ORDER BY sequence DESC LIMIT 1", connection)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = board.Value }, new NpgsqlParameter<long> { TypedValue = atMost } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var sequence = reader.GetInt64(0);
        return new StoredCheckpoint(sequence, StoredJson.Deserialize<BoardStateRecord>(Encoding.UTF8.GetBytes(reader.GetString(1)),
            $"Board {board}: its checkpoint at {sequence} is damaged."));
    }

    public async Task<IReadOnlyList<HistoryOperation>> ReadOperationsAsync(BoardId board, long after, long upTo, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT sequence, author, message, name, color, at FROM operations WHERE board = $1 AND sequence > $2 AND sequence <= $3 ORDER BY sequence
            """, connection)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = board.Value },
                new NpgsqlParameter<long> { TypedValue = after },
                new NpgsqlParameter<long> { TypedValue = upTo },
            },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var operations = new List<HistoryOperation>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var operation = StoredRows.Operation(board, reader.GetInt64(0), reader.GetString(1), Encoding.UTF8.GetBytes(reader.GetString(2)),
                StoredRows.Seated(reader, 3));
            operations.Add(new HistoryOperation(operation, reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return operations;
    }

    public Task<IReadOnlyList<HistoryStamp>> ReadStampsAsync(BoardId board, long every, CancellationToken cancellationToken) =>
        StampsAsync("sequence % $2 = 0", cancellationToken, board.Value, every);

    public Task<IReadOnlyList<HistoryStamp>> ReadStampsAsync(BoardId board, long after, long upTo, CancellationToken cancellationToken) =>
        StampsAsync("sequence > $2 AND sequence <= $3", cancellationToken, board.Value, after, upTo);

    private async Task<IReadOnlyList<HistoryStamp>> StampsAsync(string condition, CancellationToken cancellationToken, string board, params long[] numbers)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT sequence, name, color, at FROM operations WHERE board = $1 AND {condition} ORDER BY sequence", connection)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = board } },
        };
        foreach (var number in numbers)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = number });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stamps = new List<HistoryStamp>();
        while (await reader.ReadAsync(cancellationToken))
        {
            stamps.Add(new HistoryStamp(reader.GetInt64(0), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), StoredRows.Seated(reader, 1)));
        }

        return stamps;
    }
}
