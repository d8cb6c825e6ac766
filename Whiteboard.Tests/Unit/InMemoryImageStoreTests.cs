using SkiaSharp;
using Whiteboard.App.Images;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// The in-memory store's images as the store contract has them (BoardStoreContract.Images, which this store cannot run
/// whole: it has no next instance): an image kept again is kept from then.
/// </summary>
public sealed class InMemoryImageStoreTests
{
    [Fact]
    public async Task An_image_kept_again_is_kept_from_then_so_compacting_spares_it_as_a_new_upload()
    {
        var store = new InMemoryBoardStore();
        var board = new BoardRecord(BoardId.New(), "Uploaded again", BoardKey.New(), BoardKey.New(), DateTimeOffset.UnixEpoch);
        await store.CreateBoardAsync(board, content: null, CancellationToken.None);
        var bytes = TestImages.Png(12, 8, SKColors.Red);
        var image = new BoardImage(ImageHash.Of(bytes), "image/png", 12, 8, bytes);
        await store.KeepImageAsync(board.Id, image, 1_000_000, CancellationToken.None);
        var firstKept = DateTimeOffset.UtcNow;
        Assert.True(SpinWait.SpinUntil(() => DateTimeOffset.UtcNow >= firstKept + TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)));

        Assert.Equal(ImageKept.AlreadyKept, await store.KeepImageAsync(board.Id, image, 1_000_000, CancellationToken.None));
        var forgotten = await store.ForgetUnusedImagesAsync(board.Id, new HashSet<string>(), DateTimeOffset.UtcNow - firstKept, CancellationToken.None);

        Assert.Equal(0, forgotten);
        Assert.True(await store.HasImageAsync(board.Id, image.Hash, CancellationToken.None));
    }
}
