using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using SkiaSharp;
using Whiteboard.App.Boards;
using Whiteboard.App.Images;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// A page's batches and a hub program's calls run at once, and still apply in the order they were sent: a batch whose
/// image is being checked in the store holds back the batches sent after it.
/// </summary>
public sealed class SubmissionOrderTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly GatedStore store = new();
    private BoardRooms rooms = null!;
    private BoardRecord board = null!;
    private BoardSession session = null!;

    public async Task InitializeAsync()
    {
        rooms = LocalBoardGrains.Rooms(store, TimeProvider.System, new BoardRoomOptions(), NullLoggerFactory.Instance);
        board = await rooms.CreateBoardAsync(content: null, CancellationToken.None);
        session = new BoardSession(rooms, new ParticipantTokens(new EphemeralDataProtectionProvider()), TimeProvider.System, NullLogger<BoardSession>.Instance);
        Assert.Null(await session.JoinAsync(board.EditKey, "Ada", _ => Task.CompletedTask));
    }

    public async Task DisposeAsync()
    {
        await session.DisposeAsync();
        await rooms.DisposeAsync();
    }

    [Fact]
    public async Task A_move_sent_while_the_image_it_moves_is_checked_is_applied_after_the_image_is_placed()
    {
        var bytes = TestImages.Png(4, 4, SKColors.Teal);
        var image = new BoardImage(ImageHash.Of(bytes), "image/png", 4, 4, bytes);
        await store.KeepImageAsync(board.Id, image, 1_000_000, CancellationToken.None);

        store.ImageChecks.Hold();
        var placed = session.SubmitAsync([new BoardMessage("image", "pic", Points: [10, 10, 40, 30], Image: image.Hash)]);
        await store.ImageChecks.Reached.WaitAsync(Patience);
        var moved = session.SubmitAsync([new BoardMessage("move", Op: "nudge", Elements: ["pic"], Dx: 100, Dy: 0)]);
        store.ImageChecks.Release();

        Assert.True((await placed.WaitAsync(Patience)).IsAccepted);
        var move = await moved.WaitAsync(Patience);
        Assert.True(move.IsAccepted, move.Rejection);
        var content = await rooms.ReadAsync(board, CancellationToken.None);
        Assert.Equal(Bounds.Around(110, 10, 140, 30), HitTest.BoundsOf(Assert.Single(content.Elements)));
    }
}
