using SkiaSharp;
using Whiteboard.App.Images;
using Whiteboard.Shared.Ids;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>The store contract for images: kept once per board by their hash, within the board's byte limit, for the next instance.</summary>
public abstract partial class BoardStoreContract
{
    private IBoardImageStore Images => (IBoardImageStore)Store;

    private static BoardImage ImageOf(SKColor color, int width = 12, int height = 8)
    {
        var bytes = TestImages.Png(width, height, color);
        return new BoardImage(ImageHash.Of(bytes), "image/png", width, height, bytes);
    }

    [Fact]
    public async Task An_image_is_kept_once_per_board_and_read_back_whole_by_another_instance()
    {
        var board = NewBoard("Images");
        var other = NewBoard("Other");
        await Store.CreateBoardAsync(board, content: null, CancellationToken.None);
        await Store.CreateBoardAsync(other, content: null, CancellationToken.None);
        var image = ImageOf(SKColors.Red);

        Assert.Equal(ImageKept.Kept, await Images.KeepImageAsync(board.Id, image, 1_000_000, CancellationToken.None));
        Assert.Equal(ImageKept.AlreadyKept, await Images.KeepImageAsync(board.Id, image, 1_000_000, CancellationToken.None));

        var nextInstance = (IBoardImageStore)await OpenStoreAsync();
        var read = await nextInstance.ReadImageAsync(board.Id, image.Hash, CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal((image.Hash, "image/png", 12, 8), (read.Hash, read.ContentType, read.Width, read.Height));
        Assert.Equal(image.Bytes, read.Bytes);
        Assert.True(await nextInstance.HasImageAsync(board.Id, image.Hash, CancellationToken.None));
        Assert.False(await nextInstance.HasImageAsync(other.Id, image.Hash, CancellationToken.None));
        Assert.Null(await nextInstance.ReadImageAsync(other.Id, image.Hash, CancellationToken.None));
    }

    [Fact]
    public async Task An_image_past_the_boards_byte_limit_is_not_kept_while_another_board_still_takes_it()
    {
        var board = NewBoard("Full of images");
        var other = NewBoard("Empty");
        await Store.CreateBoardAsync(board, content: null, CancellationToken.None);
        await Store.CreateBoardAsync(other, content: null, CancellationToken.None);
        var first = ImageOf(SKColors.Red);
        var second = ImageOf(SKColors.Blue, 40, 40);
        var limit = first.Bytes.Length + second.Bytes.Length - 1;

        Assert.Equal(ImageKept.Kept, await Images.KeepImageAsync(board.Id, first, limit, CancellationToken.None));
        Assert.Equal(ImageKept.BoardFull, await Images.KeepImageAsync(board.Id, second, limit, CancellationToken.None));

        Assert.False(await Images.HasImageAsync(board.Id, second.Hash, CancellationToken.None));
        Assert.Equal(ImageKept.Kept, await Images.KeepImageAsync(other.Id, second, limit, CancellationToken.None));
    }

    [Fact]
    public async Task Compacting_forgets_the_images_nothing_uses_that_were_kept_long_enough()
    {
        var board = NewBoard("Compacted");
        await Store.CreateBoardAsync(board, content: null, CancellationToken.None);
        var (used, unused) = (ImageOf(SKColors.Red), ImageOf(SKColors.Blue));
        await Images.KeepImageAsync(board.Id, used, 1_000_000, CancellationToken.None);
        await Images.KeepImageAsync(board.Id, unused, 1_000_000, CancellationToken.None);

        var justUploaded = await Images.ForgetUnusedImagesAsync(board.Id, new HashSet<string> { used.Hash }, TimeSpan.FromHours(1), CancellationToken.None);
        var forgotten = await Images.ForgetUnusedImagesAsync(board.Id, new HashSet<string> { used.Hash }, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal((0, 1), (justUploaded, forgotten));
        Assert.True(await Images.HasImageAsync(board.Id, used.Hash, CancellationToken.None));
        Assert.False(await Images.HasImageAsync(board.Id, unused.Hash, CancellationToken.None));
    }

    [Fact]
    public async Task Compacting_searches_the_history_for_a_bounded_number_of_unused_images_at_a_time_and_for_the_rest_at_the_next()
    {
        var board = NewBoard("Many uploads");
        await Store.CreateBoardAsync(board, content: null, CancellationToken.None);
        var images = Enumerable.Range(1, UnusedImages.MostSearched + 2).Select(shade => ImageOf(new SKColor((byte)shade, 0, 0))).ToList();
        foreach (var image in images)
        {
            await Images.KeepImageAsync(board.Id, image, 10_000_000, CancellationToken.None);
        }

        var first = await Images.ForgetUnusedImagesAsync(board.Id, new HashSet<string>(), TimeSpan.Zero, CancellationToken.None);
        var second = await Images.ForgetUnusedImagesAsync(board.Id, new HashSet<string>(), TimeSpan.Zero, CancellationToken.None);

        Assert.Equal((UnusedImages.MostSearched, 2), (first, second));
        foreach (var image in images)
        {
            Assert.False(await Images.HasImageAsync(board.Id, image.Hash, CancellationToken.None));
        }
    }

    [Fact]
    public async Task An_image_the_history_names_is_searched_for_again_only_after_the_grace_so_the_unused_ones_behind_it_go()
    {
        var board = NewBoard("Placed images");
        await Store.CreateBoardAsync(board, content: null, CancellationToken.None);
        var placed = Enumerable.Range(1, UnusedImages.MostSearched).Select(shade => ImageOf(new SKColor(0, (byte)shade, 0))).ToList();
        var never = ImageOf(SKColors.Blue);
        foreach (var image in placed.Append(never))
        {
            await Images.KeepImageAsync(board.Id, image, 10_000_000, CancellationToken.None);
        }

        var author = ParticipantId.New();
        await Store.AppendAsync(board.Id,
            [.. placed.Select((image, index) =>
                new StoredOperation(index + 1, author, new PlaceImage(Ink.Id($"i{index}"), image.Hash, new BoardPoint(0, 0), new BoardPoint(10, 10))))],
            DateTimeOffset.UnixEpoch, CancellationToken.None);
        var kept = DateTimeOffset.UtcNow;
        // The grace is longer than the two compactions take, even on a loaded machine: what the first finds in the history
        // is not searched for by the second.
        Assert.True(SpinWait.SpinUntil(() => DateTimeOffset.UtcNow >= kept + TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)));
        var grace = DateTimeOffset.UtcNow - kept;

        var first = await Images.ForgetUnusedImagesAsync(board.Id, new HashSet<string>(), grace, CancellationToken.None);
        var second = await Images.ForgetUnusedImagesAsync(board.Id, new HashSet<string>(), grace, CancellationToken.None);

        Assert.Equal((0, 1), (first, second));
        Assert.False(await Images.HasImageAsync(board.Id, never.Hash, CancellationToken.None));
        foreach (var image in placed)
        {
            Assert.True(await Images.HasImageAsync(board.Id, image.Hash, CancellationToken.None));
        }
    }

    [Fact]
    public async Task An_image_kept_again_is_kept_from_then_so_compacting_spares_it_as_a_new_upload()
    {
        var board = NewBoard("Uploaded again");
        await Store.CreateBoardAsync(board, content: null, CancellationToken.None);
        var image = ImageOf(SKColors.Red);
        await Images.KeepImageAsync(board.Id, image, 1_000_000, CancellationToken.None);
        var firstKept = DateTimeOffset.UtcNow;
        // The store's clock is the machine's: the second keeping is two seconds after the first, more than the store may
        // take to answer on a loaded machine, which moves the compaction's cut later.
        Assert.True(SpinWait.SpinUntil(() => DateTimeOffset.UtcNow >= firstKept + TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)));

        Assert.Equal(ImageKept.AlreadyKept, await Images.KeepImageAsync(board.Id, image, 1_000_000, CancellationToken.None));
        var forgotten = await Images.ForgetUnusedImagesAsync(board.Id, new HashSet<string>(), DateTimeOffset.UtcNow - firstKept, CancellationToken.None);

        Assert.Equal(0, forgotten);
        Assert.True(await Images.HasImageAsync(board.Id, image.Hash, CancellationToken.None));
    }

    [Fact]
    public async Task Compacting_keeps_an_image_an_erased_element_showed_since_a_restore_may_bring_it_back()
    {
        var board = NewBoard("Restorable");
        await Store.CreateBoardAsync(board, content: null, CancellationToken.None);
        var (placed, imported, never) = (ImageOf(SKColors.Red), ImageOf(SKColors.Green), ImageOf(SKColors.Blue));
        foreach (var image in new[] { placed, imported, never })
        {
            await Images.KeepImageAsync(board.Id, image, 1_000_000, CancellationToken.None);
        }

        var author = ParticipantId.New();
        var inCheckpoint = new BoardStateRecord(BoardStateRecord.CurrentVersion,
            [new ElementRecord("image", "i0", [0, 0, 10, 10], Author: author.Value, Image: imported.Hash)], [], []);
        await Store.SaveSnapshotAsync(board.Id, 0, inCheckpoint, CancellationToken.None);
        await Store.AppendAsync(board.Id,
            [
                new StoredOperation(1, author, new PlaceImage(Ink.Id("i1"), placed.Hash, new BoardPoint(0, 0), new BoardPoint(10, 10))),
                new StoredOperation(2, author, new ClearBoard(Ink.Op("clear"))),
            ],
            DateTimeOffset.UnixEpoch, CancellationToken.None);
        await Store.SaveSnapshotAsync(board.Id, 2, new BoardStateRecord(BoardStateRecord.CurrentVersion, [], [], []), CancellationToken.None);

        var forgotten = await Images.ForgetUnusedImagesAsync(board.Id, new HashSet<string>(), TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(1, forgotten);
        Assert.True(await Images.HasImageAsync(board.Id, placed.Hash, CancellationToken.None));
        Assert.True(await Images.HasImageAsync(board.Id, imported.Hash, CancellationToken.None));
        Assert.False(await Images.HasImageAsync(board.Id, never.Hash, CancellationToken.None));
    }
}
