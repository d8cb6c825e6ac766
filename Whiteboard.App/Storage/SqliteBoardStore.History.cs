using System.Globalization;
using Microsoft.Data.Sqlite;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Storage;

/// <summary>A board's history in the SQLite file: every operation (schema 3 keeps their times) and every checkpoint. Reads only, beside the writer.</summary>
public sealed partial class SqliteBoardStore
{
    public async Task<HistorySpan> ReadSpanAsync(BoardId board, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT (SELECT min(sequence) FROM checkpoints WHERE board = $board),
                (SELECT max(sequence) FROM checkpoints WHERE board = $board),
                (SELECT min(sequence) FROM operations WHERE board = $board),
                (SELECT max(sequence) FROM operations WHERE board = $board)
            """, ("$board", board.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return HistorySpan.Of(Number(reader, 0), Number(reader, 1), Number(reader, 2), Number(reader, 3));
    }

    public async Task<StoredCheckpoint?> ReadCheckpointAsync(BoardId board, long atMost, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT sequence, state FROM checkpoints WHERE board = $board AND sequence <= $atMost ORDER BY sequence DESC LIMIT 1",
            ("$board", board.Value), ("$atMost", atMost));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var sequence = reader.GetInt64(0);
        return new StoredCheckpoint(sequence, StoredJson.Deserialize<BoardStateRecord>(reader.GetFieldValue<byte[]>(1),
            $"Board {board}: its checkpoint at {sequence} is damaged."));
    }

    public async Task<IReadOnlyList<HistoryOperation>> ReadOperationsAsync(BoardId board, long after, long upTo, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT sequence, author, message, name, color, at FROM operations
            WHERE board = $board AND sequence > $after AND sequence <= $upTo ORDER BY sequence
            """, ("$board", board.Value), ("$after", after), ("$upTo", upTo));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var operations = new List<HistoryOperation>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var operation = StoredRows.Operation(board, reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2), StoredRows.Seated(reader, 3));
            operations.Add(new HistoryOperation(operation, Time(reader, 5)));
        }

        return operations;
    }

    public Task<IReadOnlyList<HistoryStamp>> ReadStampsAsync(BoardId board, long every, CancellationToken cancellationToken) =>
        StampsAsync("sequence % $every = 0", cancellationToken, ("$board", board.Value), ("$every", every));

    public Task<IReadOnlyList<HistoryStamp>> ReadStampsAsync(BoardId board, long after, long upTo, CancellationToken cancellationToken) =>
        StampsAsync("sequence > $after AND sequence <= $upTo", cancellationToken, ("$board", board.Value), ("$after", after), ("$upTo", upTo));

    private async Task<IReadOnlyList<HistoryStamp>> StampsAsync(string condition, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT sequence, name, color, at FROM operations WHERE board = $board AND {condition} ORDER BY sequence", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stamps = new List<HistoryStamp>();
        while (await reader.ReadAsync(cancellationToken))
        {
            stamps.Add(new HistoryStamp(reader.GetInt64(0), Time(reader, 3), StoredRows.Seated(reader, 1)));
        }

        return stamps;
    }

    private static long? Number(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);

    private static DateTimeOffset? Time(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.Parse(reader.GetString(column), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
