using System.Text.Json;
using Microsoft.Data.Sqlite;
using Whiteboard.App.History;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// A property of the history: seeded random sessions (as the convergence test's: strokes drawn in pieces, shapes dragged
/// out, text, moves, erases, clears, undo, redo, and restores of earlier moments, by three people at once) are recorded
/// as the board's writer stores them, in a SQLite file, with a snapshot now and then; the board
/// <see cref="BoardHistory.AtAsync"/> rebuilds at every sequence number, from the nearest checkpoint or from what it read
/// for the moments before, is the live board at that number, element for element and in order. A failing seed names itself.
/// </summary>
public sealed class HistoryReplayTests : IAsyncLifetime
{
    private const int OperationsPerSession = 400;
    private const int SnapshotEvery = 37;
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private readonly string dataDirectory = Directory.CreateTempSubdirectory("whiteboard-history-").FullName;
    private SqliteBoardStore store = null!;

    public Task InitializeAsync()
    {
        store = new SqliteBoardStore(Path.Combine(dataDirectory, "whiteboard.db"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }

    private static string Written(IEnumerable<BoardElement> elements) =>
        JsonSerializer.Serialize(elements.Select(element => ElementRecord.Of(element, withAuthor: true)));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task The_board_rebuilt_at_every_sequence_number_is_the_live_board_then(int seed)
    {
        var board = new BoardRecord(BoardId.New(), "Replayed", BoardKey.New(), BoardKey.New(), Start);
        await store.CreateBoardAsync(board, content: null, CancellationToken.None);
        var history = new BoardHistory(store);
        var session = new RandomSession(seed);
        var live = new BoardState();
        List<string> shown = [Written(live.Elements())];
        while (shown.Count <= OperationsPerSession)
        {
            var (author, operation) = session.Next(live, shown.Count - 1);
            if (operation is RestoreMoment restore)
            {
                operation = restore with { Moment = (await history.ElementsAtAsync(board.Id, restore.Sequence, CancellationToken.None)).Value };
            }

            if (live.Apply(author, operation).Change is null)
            {
                continue;
            }

            var sequence = shown.Count;
            await store.AppendAsync(board.Id, [new StoredOperation(sequence, author, operation, new SeatedAuthor($"P{author}", "#1971c2"))],
                Start.AddSeconds(7 * sequence), CancellationToken.None);
            shown.Add(Written(live.Elements()));
            if (sequence % SnapshotEvery == 0)
            {
                await store.SaveSnapshotAsync(board.Id, sequence, live.Capture(), CancellationToken.None);
            }
        }

        Assert.True(session.Restores > 0, $"seed {seed} restored no moment");
        for (var sequence = 0; sequence < shown.Count; sequence++)
        {
            // Read afresh (from the nearest checkpoint in the store) and by a history that holds what it read before (a slider's).
            var fresh = await new BoardHistory(store).AtAsync(board.Id, sequence, CancellationToken.None);
            var held = await history.AtAsync(board.Id, sequence, CancellationToken.None);
            Assert.True(shown[sequence] == Written(fresh.Board.Elements), $"seed {seed}: the board rebuilt at {sequence} is not the live board then");
            Assert.True(shown[sequence] == Written(held.Board.Elements), $"seed {seed}: the board rebuilt at {sequence} from held reads is not the live board then");
        }
    }

    /// <summary>Three people's random operations on one board, from a seed; some are refused, as in a live session.</summary>
    private sealed class RandomSession(int seed)
    {
        private readonly Random random = new(seed);
        private readonly ParticipantId[] people = [ParticipantId.New(), ParticipantId.New(), ParticipantId.New()];
        private readonly Dictionary<ParticipantId, (string Id, int Points)> drawing = [];
        private int made;

        public int Restores { get; private set; }

        public (ParticipantId Author, BoardOperation Operation) Next(BoardState live, long lastSequence)
        {
            var author = people[random.Next(people.Length)];
            if (drawing.TryGetValue(author, out var stroke))
            {
                if (random.Next(3) == 0)
                {
                    drawing.Remove(author);
                    return (author, End(stroke.Id));
                }

                drawing[author] = (stroke.Id, stroke.Points + 2);
                return (author, Extend(stroke.Id, stroke.Points, Coordinate(), Coordinate(), Coordinate(), Coordinate()));
            }

            var roll = random.Next(100);
            var id = $"e{made++}";
            var shownIds = live.Elements().Where(element => element.IsFinished).Select(element => element.Id.Value).ToArray();
            string Pick() => shownIds.Length == 0 ? "none" : shownIds[random.Next(shownIds.Length)];
            switch (roll)
            {
                case < 25:
                    drawing[author] = (id, 2);
                    return (author, Begin(id, Coordinate(), Coordinate(), Coordinate(), Coordinate()));
                case < 35:
                    return (author, Rectangle(id, Coordinate(), Coordinate(), Coordinate(), Coordinate(), finished: random.Next(2) == 0));
                case < 42:
                    return (author, new PlaceText(Id(id), Black, new BoardPoint(Coordinate(), Coordinate()), $"text {random.Next(1000)}"));
                case < 55:
                    return (author, Move(id, random.Next(-50, 51), random.Next(-50, 51), Pick(), Pick()));
                case < 65:
                    return (author, Erase(id, Pick()));
                case < 67:
                    return (author, new ClearBoard(Op(id)));
                case < 80:
                    return (author, new Undo(Op(id)));
                case < 90:
                    return (author, new Redo(Op(id)));
                default:
                    Restores++;
                    return (author, new RestoreMoment(Op(id), random.NextInt64(0, lastSequence + 1), null));
            }
        }

        private float Coordinate() => random.Next(-500, 500);
    }
}
