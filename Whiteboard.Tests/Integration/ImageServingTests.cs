using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Whiteboard.App.Boards;
using Whiteboard.App.Images;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Ids;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// Serving an image a browser holds already: its address names its bytes, so the browser's copy is confirmed without
/// reading them (up to 10 MB) from the store. The image endpoints alone, on Kestrel, over a store that counts its reads.
/// </summary>
public sealed class ImageServingTests : IAsyncLifetime
{
    private readonly InMemoryBoardStore store = new();
    private readonly CountedReads images;
    private WebApplication app = null!;
    private HttpClient client = null!;

    public ImageServingTests() => images = new CountedReads(store);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IBoardStore>(store);
        builder.Services.AddSingleton<IBoardImageStore>(images);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new BoardRoomOptions());
        builder.Services.AddSingleton<IBoardGrains, LocalBoardGrains>();
        builder.Services.AddSingleton<BoardRooms>();
        builder.Services.AddSingleton<ImageCheck>();
        builder.Services.AddSingleton(new Whiteboard.App.WhiteboardOptions());
        builder.Services.AddSingleton<ImageUploadLimiter>();
        app = builder.Build();
        app.MapBoardImages();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_browser_holding_the_image_is_answered_not_modified_without_its_bytes_being_read()
    {
        var board = await app.Services.GetRequiredService<BoardRooms>().CreateBoardAsync(new ImportedBoard("Served", []), CancellationToken.None);
        var image = (await new ImageCheck().CheckAsync(TestImages.Png(20, 10, SKColors.Blue), CancellationToken.None)).Value!;
        await store.KeepImageAsync(board.Id, image, 1_000_000, CancellationToken.None);
        var path = new Uri(BoardImageEndpoints.PathOf(board.ViewKey.Value, image.Hash), UriKind.Relative);

        using var first = await client.GetAsync(path);
        using var held = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { IfNoneMatch = { new EntityTagHeaderValue($"\"{image.Hash}\"") } } };
        using var again = await client.SendAsync(held);
        using var other = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { IfNoneMatch = { new EntityTagHeaderValue($"\"{ImageHash.Of([1, 2, 3])}\"") } } };
        using var changed = await client.SendAsync(other);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(image.Bytes, await first.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{image.Hash}\"", again.Headers.ETag?.Tag);
        Assert.Equal("nosniff", Assert.Single(again.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(2, images.Reads);
    }

    /// <summary>The store's images, counting the reads of their bytes.</summary>
    private sealed class CountedReads(IBoardImageStore inner) : IBoardImageStore
    {
        private int reads;

        public int Reads => Volatile.Read(ref reads);

        public Task<ImageKept> KeepImageAsync(BoardId board, BoardImage image, long maxBoardBytes, CancellationToken cancellationToken) =>
            inner.KeepImageAsync(board, image, maxBoardBytes, cancellationToken);

        public Task<BoardImage?> ReadImageAsync(BoardId board, string hash, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref reads);
            return inner.ReadImageAsync(board, hash, cancellationToken);
        }

        public Task<bool> HasImageAsync(BoardId board, string hash, CancellationToken cancellationToken) =>
            inner.HasImageAsync(board, hash, cancellationToken);

        public Task<int> ForgetUnusedImagesAsync(BoardId board, IReadOnlySet<string> used, TimeSpan keptFor, CancellationToken cancellationToken) =>
            inner.ForgetUnusedImagesAsync(board, used, keptFor, cancellationToken);
    }
}
