using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>
/// Sessions, as pages have them, on one board of in-memory rooms run on a clock the test moves; every session
/// leaves when the test ends.
/// </summary>
public abstract class SessionsOnOneBoard(BoardRoomOptions options) : IAsyncLifetime
{
    private readonly ParticipantTokens tokens = new(new EphemeralDataProtectionProvider());
    private readonly List<BoardSession> sessions = [];
    private BoardRooms rooms = null!;
    private BoardKey key;

    protected ManualClock Clock { get; } = new();

    public async Task InitializeAsync()
    {
        rooms = LocalBoardGrains.Rooms(new InMemoryBoardStore(), Clock, options, NullLoggerFactory.Instance);
        key = (await rooms.CreateBoardAsync(content: null, CancellationToken.None)).EditKey;
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var session in sessions)
        {
            await session.DisposeAsync();
        }
    }

    /// <summary>A new session on the board, under the name its browser kept, showing its updates to <paramref name="show"/>.</summary>
    protected async Task<BoardSession> JoinSessionAsync(string? name, Func<IReadOnlyList<RoomUpdate>, Task> show)
    {
        var session = new BoardSession(rooms, tokens, Clock, NullLogger<BoardSession>.Instance);
        sessions.Add(session);
        Assert.Null(await session.JoinAsync(key, name, show));
        return session;
    }
}
