using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Tests.Infrastructure;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// Two writers of one board at once, as Orleans can have for a moment (two activations of its grain), on the shared
/// PostgreSQL store (issue 22): the store refuses the second; it stops, and the board is loaded anew with the first's
/// work; nothing is stored twice, nothing acknowledged is lost.
/// </summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class TwoWritersTests(PostgreSqlServer server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_writer_that_stores_second_stops_and_its_people_go_on_with_the_board_the_first_one_stored()
    {
        await using var store = new PostgreSqlBoardStore(await server.DatabaseAsync(nameof(TwoWritersTests)));
        var clock = TimeProvider.System;
        var options = new BoardRoomOptions { SubscriberQueueCapacity = 4096 };
        var board = new BoardRecord(BoardId.New(), "Two writers", BoardKey.New(), BoardKey.New(), clock.GetUtcNow());
        await store.CreateBoardAsync(board, content: null, CancellationToken.None);
        // Two activations of the board's grain, each followed by the room of one instance.
        var first = new LocalBoardGrains(store, clock, options, NullLoggerFactory.Instance).Of(board.Id);
        var second = new LocalBoardGrains(store, clock, options, NullLoggerFactory.Instance).Of(board.Id);
        await using var roomOnFirst = await BoardRoom.LoadAsync(board, first, clock, NullLogger.Instance, options, CancellationToken.None);
        await using var roomOnSecond = await BoardRoom.LoadAsync(board, second, clock, NullLogger.Instance, options, CancellationToken.None);
        var ada = (await roomOnFirst.JoinAsync(ParticipantId.New(), board.EditKey, "Ada"))!;
        var bob = (await roomOnSecond.JoinAsync(ParticipantId.New(), board.EditKey, "Bob"))!;

        Assert.True((await roomOnFirst.SubmitAsync(ada, [Begin("a", 1, 1), End("a")], CancellationToken.None)).IsAccepted);
        var refused = await roomOnSecond.SubmitAsync(bob, [Begin("b", 2, 2), End("b")], CancellationToken.None);
        Assert.Equal("This change was not saved: the board was changed elsewhere at the same moment. Try again.", refused.Rejection);

        // The second writer stopped; the board, loaded anew for Bob's room, has Ada's stroke, and Bob's goes in after it.
        await UntilAsync(bob, update => update is SnapshotUpdate snapshot && snapshot.Snapshot.Elements.Any(element => element.Id == Id("a")));
        Assert.True((await roomOnSecond.SubmitAsync(bob, [Begin("b", 2, 2), End("b")], CancellationToken.None)).IsAccepted);

        var stored = (await store.LoadAsync(board.Id, CancellationToken.None)).Operations;
        Assert.Equal([1L, 2L, 3L, 4L], stored.Select(operation => operation.Sequence));
        Assert.Equal(["a", "a", "b", "b"], stored.Select(operation => operation.Operation switch
        {
            Whiteboard.Shared.Operations.BeginStroke begin => begin.Element.Value,
            Whiteboard.Shared.Operations.FinishElement end => end.Element.Value,
            _ => "?",
        }));
    }

    private static async Task UntilAsync(RoomSubscription subscription, Func<RoomUpdate, bool> matching)
    {
        while (!matching(await subscription.Updates.ReadAsync().AsTask().WaitAsync(Patience)))
        {
        }
    }
}
