using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
using Whiteboard.Shared.Ids;
using Whiteboard.Tests.Infrastructure;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Integration;

/// <summary>The capacity limits: a newcomer over them gets 503 and "this board is full"; those already on are unaffected.</summary>
public sealed class CapacityTests
{
    private static async Task<HttpResponseMessage> OpenAsync(RunningApp app, BoardKey key)
    {
        using var client = app.CreateClient();
        return await client.GetAsync(new Uri($"/b/{key}", UriKind.Relative));
    }

    [Fact]
    public async Task A_full_board_turns_newcomers_away_with_503_while_the_people_on_it_go_on_drawing()
    {
        await using var app = await RunningApp.StartWithAsync("--Whiteboard:MaxParticipantsPerBoard", "2");
        var rooms = app.Services.GetRequiredService<BoardRooms>();
        var board = await rooms.CreateBoardAsync(content: null, CancellationToken.None);
        var other = await rooms.CreateBoardAsync(content: null, CancellationToken.None);
        var (room, alice) = (await rooms.JoinAsync(board.EditKey, ParticipantId.New(), "Tester", CancellationToken.None))!.Value;
        var (_, bob) = (await rooms.JoinAsync(board.ViewKey, ParticipantId.New(), "Tester", CancellationToken.None))!.Value;

        var turnedAway = await OpenAsync(app, board.EditKey);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, turnedAway.StatusCode);
        Assert.Contains("This board is full", await turnedAway.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Assert.ThrowsAsync<BoardFullException>(() => rooms.JoinAsync(board.EditKey, ParticipantId.New(), "Tester", CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(app, other.EditKey)).StatusCode);
        Assert.True((await room.SubmitAsync(alice, [Begin("still", 0, 0)], CancellationToken.None)).IsAccepted);

        await rooms.LeaveAsync(room, bob);
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(app, board.ViewKey)).StatusCode);
    }

    [Fact]
    public async Task A_full_app_instance_turns_newcomers_away_from_every_board()
    {
        await using var app = await RunningApp.StartWithAsync("--Whiteboard:MaxParticipants", "1");
        var rooms = app.Services.GetRequiredService<BoardRooms>();
        var board = await rooms.CreateBoardAsync(content: null, CancellationToken.None);
        var other = await rooms.CreateBoardAsync(content: null, CancellationToken.None);
        var (room, alice) = (await rooms.JoinAsync(board.EditKey, ParticipantId.New(), "Tester", CancellationToken.None))!.Value;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await OpenAsync(app, other.EditKey)).StatusCode);

        await rooms.LeaveAsync(room, alice);
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(app, other.EditKey)).StatusCode);
    }
}
