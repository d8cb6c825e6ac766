using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
using Whiteboard.Shared.Ids;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>/healthz says whether the load balancer may send newcomers here: not when the instance is full.</summary>
public sealed class ClusterHealthTests
{
    [Fact]
    public async Task A_full_instance_answers_503_on_healthz_until_someone_leaves()
    {
        await using var app = await RunningApp.StartWithAsync("--Whiteboard:MaxParticipants", "1");
        using var client = app.CreateClient();
        var rooms = app.Services.GetRequiredService<BoardRooms>();
        var board = await rooms.CreateBoardAsync(content: null, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);

        var (room, alice) = (await rooms.JoinAsync(board.EditKey, ParticipantId.New(), "Tester", CancellationToken.None))!.Value;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);

        await rooms.LeaveAsync(room, alice);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
    }
}
