using System.Diagnostics;
using HdrHistogram;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App;
using Whiteboard.App.Boards;
using Whiteboard.App.History;
using Whiteboard.App.Storage;
using Whiteboard.Bench.Measure;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;

namespace Whiteboard.Bench.Scenarios;

/// <summary>
/// What the <c>history</c> scenario runs: a board of <paramref name="Operations"/> operations, its snapshots (checkpoints)
/// every <paramref name="CheckpointEvery"/>, and <paramref name="Moments"/> moments read at random points of its history.
/// </summary>
public sealed record HistorySettings(int Operations = 10_000, int CheckpointEvery = 5_000, int Moments = 200, int Seed = 1);

/// <summary>
/// How long a moment took to rebuild (<see cref="BoardHistory.AtAsync"/>) and the timeline to read; what the history
/// weighs in the SQLite file: the operations' rows and the checkpoints', in bytes of their content.
/// </summary>
public sealed record HistoryResult(
    HistorySettings Settings, long Sequence, LongConcurrentHistogram Moments, TimeSpan Timeline, long OperationBytes, long CheckpointBytes,
    int Checkpoints, long FileBytes)
{
    /// <summary>The bytes the history takes per 10,000 operations, checkpoints included.</summary>
    public double BytesPer10000 => (OperationBytes + CheckpointBytes) * 10_000.0 / Sequence;
}

/// <summary>
/// <c>history</c>: four people make a board of mixed pen strokes (drawn in pieces), shapes (dragged out), erases and moves
/// through the board's real writer and a SQLite file, which keeps every operation and a checkpoint at each snapshot; then
/// the board is read back at random moments of its history, as the history view's slider asks for them.
/// </summary>
public static class HistoryScenario
{
    public static async Task<HistoryResult> RunAsync(HistorySettings settings, IProgress<string>? progress = null)
    {
        var folder = Directory.CreateTempSubdirectory("whiteboard-bench-").FullName;
        try
        {
            var path = Path.Combine(folder, WhiteboardOptions.DatabaseFileName);
            await using var store = new SqliteBoardStore(path);
            BoardRecord board;
            await using (var rooms = LocalBoardGrains.Rooms(store, TimeProvider.System,
                new BoardRoomOptions { SnapshotEvery = settings.CheckpointEvery, MaxParticipants = int.MaxValue, MaxParticipantsPerBoard = int.MaxValue },
                NullLoggerFactory.Instance))
            {
                board = await rooms.CreateBoardAsync(content: null, CancellationToken.None);
                await DrawAsync(rooms, board, settings, progress);
            }

            var history = new BoardHistory(store);
            var clock = Stopwatch.StartNew();
            var timeline = await history.TimelineAsync(board.Id, CancellationToken.None);
            var timelineTook = clock.Elapsed;
            var moments = Latencies.NewHistogram();
            var random = new Random(settings.Seed);
            for (var i = 0; i < settings.Moments; i++)
            {
                var sequence = random.NextInt64(timeline.First, timeline.Last + 1);
                clock.Restart();
                await history.AtAsync(board.Id, sequence, CancellationToken.None);
                moments.Record(clock.Elapsed);
            }

            var (operationBytes, checkpointBytes, checkpoints) = await WeighAsync(path);
            return new HistoryResult(settings, timeline.Last, moments, timelineTook, operationBytes, checkpointBytes, checkpoints,
                new FileInfo(path).Length);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Four people take turns, each turn one stroke, shape, erase or move, until the board has its operations.</summary>
    private static async Task DrawAsync(BoardRooms rooms, BoardRecord board, HistorySettings settings, IProgress<string>? progress)
    {
        var random = new Random(settings.Seed);
        var people = new List<(BoardRoom Room, RoomSubscription Me)>();
        for (var i = 0; i < 4; i++)
        {
            people.Add((await rooms.JoinAsync(board.EditKey, ParticipantId.New(), $"Bench {i + 1}", CancellationToken.None))!.Value);
        }

        var finished = people.Select(_ => new List<ElementId>()).ToList();
        long operations = 0;
        for (var made = 0; operations < settings.Operations; made++)
        {
            var who = made % people.Count;
            var (room, me) = people[who];
            var mine = finished[who];
            var id = Id($"p{who}e{made}");
            var roll = random.Next(100);
            List<BoardOperation> turn = roll switch
            {
                < 60 => Stroke(id, random),
                < 75 => Shape(id, random),
                < 87 when mine.Count > 0 => [new EraseElements(Op($"p{who}o{made}"), [Take(mine, random)])],
                < 100 when mine.Count > 0 => [new MoveElements(Op($"p{who}o{made}"), [mine[random.Next(mine.Count)]], random.Next(-40, 41), random.Next(-40, 41))],
                _ => Stroke(id, random),
            };
            var result = await room.SubmitAsync(me, turn, CancellationToken.None);
            if (!result.IsAccepted)
            {
                throw new InvalidOperationException($"An operation was refused: {result.Rejection}");
            }

            if (turn[0] is BeginStroke or DrawShape)
            {
                mine.Add(id);
            }

            operations += turn.Count;
            if (made % 100 == 0)
            {
                progress?.Report($"{operations:N0} operations");
            }
        }
    }

    /// <summary>A stroke drawn as a pen sends it: its first points, 3 to 8 pieces of 5 more, then lifted.</summary>
    private static List<BoardOperation> Stroke(ElementId id, Random random)
    {
        var (x, y) = (random.Next(-2_000, 2_000), random.Next(-2_000, 2_000));
        var points = 1;
        List<BoardOperation> turn = [new BeginStroke(id, new StrokeStyle("#1e1e1e", 3), [new StrokePoint(x, y, 0.5f)])];
        for (var pieces = random.Next(3, 9); pieces > 0; pieces--)
        {
            var piece = Enumerable.Range(points, 5).Select(n => new StrokePoint(x + 3 * n, y + random.Next(-5, 6), 0.5f)).ToList();
            turn.Add(new ExtendStroke(id, points, piece));
            points += piece.Count;
        }

        turn.Add(new FinishElement(id));
        return turn;
    }

    /// <summary>A shape dragged out: two sizes on the way, then let go.</summary>
    private static List<BoardOperation> Shape(ElementId id, Random random)
    {
        var (x, y) = (random.Next(-2_000, 2_000), random.Next(-2_000, 2_000));
        var kind = (ShapeKind)random.Next(4);
        var style = new StrokeStyle("#1971c2", 2);
        return
        [
            new DrawShape(id, kind, style, new BoardPoint(x, y), new BoardPoint(x + 20, y + 10), false),
            new DrawShape(id, kind, style, new BoardPoint(x, y), new BoardPoint(x + 60, y + 40), false),
            new DrawShape(id, kind, style, new BoardPoint(x, y), new BoardPoint(x + 80, y + 50), true),
        ];
    }

    private static ElementId Take(List<ElementId> ids, Random random)
    {
        var index = random.Next(ids.Count);
        var id = ids[index];
        ids.RemoveAt(index);
        return id;
    }

    private static ElementId Id(string text) => ElementId.TryParse(text, out var id) ? id : throw new InvalidOperationException(text);

    private static OperationId Op(string text) => OperationId.TryParse(text, out var op) ? op : throw new InvalidOperationException(text);

    /// <summary>The bytes of the operations' rows and of the checkpoints, as stored (their columns' content), and the checkpoints' count.</summary>
    private static async Task<(long Operations, long Checkpoints, int Count)> WeighAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT sum(length(board) + 8 + length(author) + length(message) + length(at) + coalesce(length(name), 0) + coalesce(length(color), 0))
                    FROM operations),
                (SELECT sum(length(board) + 8 + length(state)) FROM checkpoints), (SELECT count(*) FROM checkpoints)
            """;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2));
    }
}
