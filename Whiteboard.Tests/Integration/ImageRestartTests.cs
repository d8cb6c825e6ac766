using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Whiteboard.App.Boards;
using Whiteboard.App.Images;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>The real app and the real SQLite file: a placed image, and one uploaded but not placed yet, are there after a restart.</summary>
public sealed class ImageRestartTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("whiteboard-images-").FullName;

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);

    private static async Task<BoardImageEndpoints.UploadedImage> UploadAsync(HttpClient http, BoardKey key, byte[] file)
    {
        using var response = await http.PostAsync(new Uri($"/b/{key}/images", UriKind.Relative), new ByteArrayContent(file));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<BoardImageEndpoints.UploadedImage>())!;
    }

    [Fact]
    public async Task Images_survive_a_restart_and_the_compaction_at_the_stop()
    {
        BoardKey board;
        BoardImageEndpoints.UploadedImage placed, waiting;
        await using (var first = await RunningApp.StartAsync(dataDirectory))
        {
            var rooms = first.Services.GetRequiredService<BoardRooms>();
            board = (await rooms.CreateBoardAsync(content: null, CancellationToken.None)).EditKey;
            using var http = first.CreateClient();
            placed = await UploadAsync(http, board, TestImages.Png(20, 10, SKColors.Red));
            waiting = await UploadAsync(http, board, TestImages.Png(20, 10, SKColors.Blue));
            var (room, alice) = (await rooms.JoinAsync(board, ParticipantId.New(), "Tester", CancellationToken.None))!.Value;
            var place = new PlaceImage(Ink.Id("i"), placed.Hash, new BoardPoint(0, 0), new BoardPoint(200, 100));
            Assert.True((await room.SubmitAsync(alice, [place], CancellationToken.None)).IsAccepted);
        }

        await using var second = await RunningApp.StartAsync(dataDirectory);
        var reopened = second.Services.GetRequiredService<BoardRooms>();
        var (_, viewer) = (await reopened.JoinAsync(board, ParticipantId.New(), "Tester", CancellationToken.None))!.Value;
        var snapshot = Assert.IsType<SnapshotUpdate>(await viewer.Updates.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        using var client = second.CreateClient();
        using var shown = await client.GetAsync(new Uri($"/b/{board}/images/{placed.Hash}", UriKind.Relative));
        using var notYetPlaced = await client.GetAsync(new Uri($"/b/{board}/images/{waiting.Hash}", UriKind.Relative));

        Assert.Equal(placed.Hash, Assert.IsType<Image>(Assert.Single(snapshot.Snapshot.Elements)).Hash);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        using var decoded = SKBitmap.Decode(await shown.Content.ReadAsByteArrayAsync());
        Assert.Equal(SKColors.Red, decoded.GetPixel(10, 5));
        Assert.Equal(HttpStatusCode.OK, notYetPlaced.StatusCode);
    }
}
