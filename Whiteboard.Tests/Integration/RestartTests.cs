using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Tests.Infrastructure;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Integration;

/// <summary>The real app and the real SQLite file: what was acknowledged is there after a restart.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("whiteboard-restart-").FullName;

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);

    [Fact]
    public async Task A_board_and_its_strokes_survive_a_restart_in_order()
    {
        BoardKey board;
        var alice = ParticipantId.New();
        await using (var first = await RunningApp.StartAsync(dataDirectory))
        {
            var rooms = first.Services.GetRequiredService<BoardRooms>();
            board = (await rooms.CreateBoardAsync(content: null, CancellationToken.None)).EditKey;
            var (room, drawing) = (await rooms.JoinAsync(board, alice, "Tester", CancellationToken.None))!.Value;
            Assert.True((await room.SubmitAsync(drawing, [Begin("one", 0, 0), Extend("one", 1, 10, 10), End("one")], CancellationToken.None)).IsAccepted);
            Assert.True((await room.SubmitAsync(drawing, [Begin("two", 5, 5)], CancellationToken.None)).IsAccepted);
        }

        Assert.True(File.Exists(Path.Combine(dataDirectory, "whiteboard.db")));

        await using var second = await RunningApp.StartAsync(dataDirectory);
        var reopened = second.Services.GetRequiredService<BoardRooms>();
        var (_, viewer) = (await reopened.JoinAsync(board, ParticipantId.New(), "Tester", CancellationToken.None))!.Value;
        var snapshot = Assert.IsType<SnapshotUpdate>(await viewer.Updates.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        // Four operations, and a fifth: stroke "two", left open, finished when the first run stopped with nobody left to draw on.
        Assert.Equal(5, snapshot.Snapshot.Sequence);
        var strokes = snapshot.Snapshot.Elements.Cast<Stroke>().ToList();
        Assert.Equal(["one", "two"], strokes.Select(s => s.Id.Value));
        Assert.Equal([new StrokePoint(0, 0, 0.5f), new StrokePoint(10, 10, 0.5f)], strokes[0].Points.ToArray());
        Assert.True(strokes[0].IsFinished);
        Assert.Equal(alice, strokes[0].Author);
        Assert.Equal(Black, strokes[1].Style);
        Assert.True(strokes[1].IsFinished);
    }
}
