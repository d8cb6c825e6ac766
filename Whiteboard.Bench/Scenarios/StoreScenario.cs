using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;

namespace Whiteboard.Bench.Scenarios;

/// <summary>
/// What the <c>store</c> scenario runs: boards, people drawing on each, for how long, and on which store: the
/// PostgreSQL database of the Npgsql connection string <paramref name="PostgreSql"/>, or a SQLite file made for the run.
/// </summary>
public sealed record StoreSettings(int Boards = 10, int People = 30, TimeSpan? Duration = null, string? PostgreSql = null)
{
    public TimeSpan Length => Duration ?? TimeSpan.FromSeconds(10);
}

/// <summary>Operations acknowledged (stored) per second, and how many each room stored at once (one turn of its loop).</summary>
/// <param name="Operations">Acknowledged within <paramref name="Elapsed"/>.</param>
/// <param name="Acknowledged">Acknowledged in all, those in flight at the end included.</param>
/// <param name="Stored">The points on the boards afterwards: one per acknowledged operation.</param>
public sealed record StoreResult(StoreSettings Settings, long Operations, long Turns, TimeSpan Elapsed, long Acknowledged, long Stored)
{
    public double OperationsPerSecond => Operations / Elapsed.TotalSeconds;

    public double TurnsPerSecond => Turns / Elapsed.TotalSeconds;

    public double OperationsPerTurn => Turns == 0 ? 0 : (double)Operations / Turns;
}

/// <summary>
/// <c>store</c>: every person draws one stroke after another on a real store (SQLite or PostgreSQL), a point per
/// operation, each waiting for its acknowledgement (which comes only once the operation is stored).
/// Measures the operations per second the rooms sustain, and how many a room stores per turn (the
/// store then commits the turns of all boards waiting at once together).
/// </summary>
public static class StoreScenario
{
    public static async Task<StoreResult> RunAsync(StoreSettings settings, IProgress<long>? progress = null)
    {
        var folder = Directory.CreateTempSubdirectory("whiteboard-bench-").FullName;
        try
        {
            IBoardStore opened = settings.PostgreSql is { } connectionString
                ? new PostgreSqlBoardStore(connectionString)
                : new SqliteBoardStore(Path.Combine(folder, WhiteboardOptions.DatabaseFileName));
            // Closed after the rooms, which write their boards' snapshots as they go.
            await using var closing = (IAsyncDisposable)opened;
            var store = new CountingStore(opened);
            await using var rooms = LocalBoardGrains.Rooms(
                store, TimeProvider.System, new BoardRoomOptions { MaxParticipants = int.MaxValue, MaxParticipantsPerBoard = int.MaxValue }, NullLoggerFactory.Instance);
            var boards = new List<App.Storage.BoardRecord>();
            for (var i = 0; i < settings.Boards; i++)
            {
                boards.Add(await rooms.CreateBoardAsync(content: null, CancellationToken.None));
            }

            long acknowledged = 0;
            using var stop = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            var people = boards.SelectMany(board => Enumerable.Range(0, settings.People).Select(_ => board))
                .Select(board => Task.Run(async () =>
                {
                    var (room, me) = (await rooms.JoinAsync(board.EditKey, ParticipantId.New(), "Bench", CancellationToken.None))!.Value;
                    // Nobody reads these updates: the bounded queue marks them lagging, as a slow reader would be.
                    // Ids are made of the participant's, so people on one board never collide.
                    for (var stroke = 0; !stop.IsCancellationRequested; stroke++)
                    {
                        var id = ElementId.TryParse($"{me.Participant.Value}{stroke}", out var parsed) ? parsed : throw new InvalidOperationException();
                        Count(await room.SubmitAsync(
                            me, [new BeginStroke(id, new StrokeStyle("#1e1e1e", 2), [new StrokePoint(0, 0, 0.5f)])], CancellationToken.None));
                        for (var point = 1; point < 100 && !stop.IsCancellationRequested; point++)
                        {
                            Count(await room.SubmitAsync(me, [new ExtendStroke(id, point, [new StrokePoint(point, point, 0.5f)])], CancellationToken.None));
                        }
                    }
                }))
                .ToList();

            while (clock.Elapsed < settings.Length)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
                progress?.Report(Interlocked.Read(ref acknowledged));
            }

            var (operations, turns, elapsed) = (Interlocked.Read(ref acknowledged), store.Appends, clock.Elapsed);
            await stop.CancelAsync();
            await Task.WhenAll(people);
            var (everAcknowledged, stored) = (Interlocked.Read(ref acknowledged), 0L);
            foreach (var board in boards)
            {
                stored += (await rooms.ReadAsync(board, CancellationToken.None)).Elements.Sum(element => ((Stroke)element).Points.Length);
            }

            return new StoreResult(settings, operations, turns, elapsed, everAcknowledged, stored);

            void Count(SubmitResult result)
            {
                if (!result.IsAccepted)
                {
                    throw new InvalidOperationException($"An operation was refused: {result.Rejection}");
                }

                Interlocked.Increment(ref acknowledged);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Counts the rooms' appends: one per turn that changed the board.</summary>
    private sealed class CountingStore(IBoardStore inner) : IBoardStore
    {
        private long appends;

        public long Appends => Interlocked.Read(ref appends);

        public Task CreateBoardAsync(App.Storage.BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken) =>
            inner.CreateBoardAsync(board, content, cancellationToken);

        public Task<App.Storage.BoardRecord?> FindAsync(BoardKey key, CancellationToken cancellationToken) => inner.FindAsync(key, cancellationToken);

        public Task<App.Storage.BoardRecord?> FindAsync(BoardId board, CancellationToken cancellationToken) => inner.FindAsync(board, cancellationToken);

        public Task UpdateAsync(App.Storage.BoardRecord board, CancellationToken cancellationToken) => inner.UpdateAsync(board, cancellationToken);

        public async Task AppendAsync(BoardId board, IReadOnlyList<StoredOperation> operations, DateTimeOffset changed, CancellationToken cancellationToken)
        {
            await inner.AppendAsync(board, operations, changed, cancellationToken);
            Interlocked.Increment(ref appends);
        }

        public Task SaveSnapshotAsync(BoardId board, long sequence, BoardStateRecord state, CancellationToken cancellationToken) =>
            inner.SaveSnapshotAsync(board, sequence, state, cancellationToken);

        public Task<StoredBoard> LoadAsync(BoardId board, CancellationToken cancellationToken) => inner.LoadAsync(board, cancellationToken);

        public Task<string?> CheckAsync(CancellationToken cancellationToken) => inner.CheckAsync(cancellationToken);
    }
}
