using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Validation;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// Renaming the board and replacing its edit link are limited like a person's own name: each is stored and sent to
/// everyone, so a script doing either in a loop is refused past the burst, and the board keeps what was allowed.
/// </summary>
public sealed class NameAndLinkRateTests : IAsyncLifetime
{
    private readonly ManualClock clock = new();
    private BoardRooms rooms = null!;
    private BoardRecord board = null!;
    private BoardSession session = null!;

    public async Task InitializeAsync()
    {
        rooms = LocalBoardGrains.Rooms(new InMemoryBoardStore(), clock, new BoardRoomOptions(), NullLoggerFactory.Instance);
        board = await rooms.CreateBoardAsync(content: null, CancellationToken.None);
        session = new BoardSession(rooms, new ParticipantTokens(new EphemeralDataProtectionProvider()), clock, NullLogger<BoardSession>.Instance);
        Assert.Null(await session.JoinAsync(board.EditKey, "Alice", _ => Task.CompletedTask));
    }

    public async Task DisposeAsync()
    {
        await session.DisposeAsync();
        await rooms.DisposeAsync();
    }

    [Fact]
    public async Task Renaming_the_board_in_a_loop_is_refused_past_the_burst_and_allowed_again_a_moment_later()
    {
        for (var n = 1; n <= BoardLimits.RenameBurst; n++)
        {
            Assert.True((await session.RenameAsync($"Name {n}")).IsAccepted);
        }

        var refused = await session.RenameAsync("One too many");

        Assert.False(refused.IsAccepted);
        Assert.Contains("Too many changes of names or links", refused.Rejection, StringComparison.Ordinal);
        Assert.Equal($"Name {BoardLimits.RenameBurst}", (await rooms.FindAsync(board.EditKey.Value, CancellationToken.None))!.Value.Board.Name);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await session.RenameAsync("A moment later")).IsAccepted);
    }

    [Fact]
    public async Task Replacing_the_edit_link_in_a_loop_is_refused_past_the_burst_and_the_last_link_allowed_still_opens_the_board()
    {
        var last = board.EditKey;
        for (var n = 1; n <= BoardLimits.RenameBurst; n++)
        {
            var replaced = await session.ReplaceEditKeyAsync();
            Assert.True(replaced.IsValid, replaced.Error);
            last = replaced.Value;
        }

        var refused = await session.ReplaceEditKeyAsync();

        Assert.False(refused.IsValid);
        Assert.Contains("Too many changes of names or links", refused.Error, StringComparison.Ordinal);
        Assert.Equal(BoardAccess.Edit, (await rooms.FindAsync(last.Value, CancellationToken.None))!.Value.Access);
    }
}
