using System.Net.Http.Json;
using System.Threading.Channels;
using SkiaSharp;
using Whiteboard.App.Boards;
using Whiteboard.App.Hubs;
using Whiteboard.App.Images;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// A program places an image as a page does: it uploads the bytes over HTTP with the edit key, then submits an
/// <c>image</c> operation naming the hash; an image the board does not keep is refused and reaches nobody.
/// </summary>
public sealed class HubImageTests : HubBoardTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static async Task<ElementRecord> NextDrawnAsync(ChannelReader<HubUpdate> updates)
    {
        while (true)
        {
            var update = await updates.ReadAsync().AsTask().WaitAsync(Patience);
            if (update.Events?.FirstOrDefault(change => change.Change == "drawn") is { } drawn)
            {
                return Assert.Single(drawn.Elements!);
            }
        }
    }

    [Fact]
    public async Task An_image_uploaded_then_placed_reaches_the_others_and_one_never_uploaded_is_refused()
    {
        var (placer, _) = await JoinListeningAsync(Board.EditKey.Value, "Picture bot");
        var (_, watcherSees) = await JoinListeningAsync(Board.EditKey.Value, "Watcher bot");
        using var http = App.CreateClient();
        using var uploaded = await http.PostAsync(new Uri($"/b/{Board.EditKey}/images", UriKind.Relative),
            new ByteArrayContent(TestImages.Jpeg(64, 48, SKColors.Orange)));
        var image = (await uploaded.Content.ReadFromJsonAsync<BoardImageEndpoints.UploadedImage>())!;

        var neverUploaded = await placer.SubmitAsync([new BoardMessage("image", "x", Points: [0, 0, 64, 48], Image: new string('c', ImageHash.Length))]);
        var placed = await placer.SubmitAsync([new BoardMessage("image", "i", Points: [10, 20, 138, 116], Image: image.Hash)]);
        var drawn = await NextDrawnAsync(watcherSees);

        Assert.Equal(PlacedImages.NotKept, neverUploaded.Rejection);
        Assert.True(placed.IsAccepted, placed.Rejection);
        Assert.Equal(("image", "i", image.Hash), (drawn.Type, drawn.Id, drawn.Image));
        Assert.Equal([10f, 20f, 138f, 116f], drawn.Points!);
    }

    [Fact]
    public async Task A_paste_of_an_image_this_board_keeps_is_placed_and_one_from_another_board_is_refused()
    {
        var (paster, _) = await JoinListeningAsync(Board.EditKey.Value, "Paste bot");
        var (_, watcherSees) = await JoinListeningAsync(Board.EditKey.Value, "Watcher bot");
        using var http = App.CreateClient();
        using var uploaded = await http.PostAsync(new Uri($"/b/{Board.EditKey}/images", UriKind.Relative),
            new ByteArrayContent(TestImages.Jpeg(64, 48, SKColors.Orange)));
        var image = (await uploaded.Content.ReadFromJsonAsync<BoardImageEndpoints.UploadedImage>())!;
        ElementRecord Copy(string id, string hash) => new("image", id, [0, 0, 64, 48], Image: hash);

        var fromElsewhere = await paster.SubmitAsync([new BoardMessage("add", Op: "p1", Records: [Copy("a", image.Hash), Copy("b", new string('c', ImageHash.Length))])]);
        var kept = await paster.SubmitAsync([new BoardMessage("add", Op: "p2", Records: [Copy("c", image.Hash)])]);
        var drawn = await NextDrawnAsync(watcherSees);

        Assert.Equal(PlacedImages.NotKept, fromElsewhere.Rejection);
        Assert.True(kept.IsAccepted, kept.Rejection);
        Assert.Equal(("image", "c", image.Hash), (drawn.Type, drawn.Id, drawn.Image));
    }
}
