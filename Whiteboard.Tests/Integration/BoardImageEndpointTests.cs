using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Whiteboard.App.Boards;
using Whiteboard.App.Images;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// Uploading an image to a board and reading it back over HTTP: only by the edit link, checked before it is kept,
/// served from the app's origin as the picture it is and nothing else.
/// </summary>
public sealed class BoardImageEndpointTests : IAsyncLifetime
{
    private RunningApp app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        app = await RunningApp.StartAsync();
        client = app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    private async Task<BoardRecord> NewBoardAsync() =>
        await app.Services.GetRequiredService<BoardRooms>().CreateBoardAsync(new ImportedBoard("Images", []), CancellationToken.None);

    private Task<HttpResponseMessage> UploadAsync(string key, byte[] bytes, string declaredType = "image/png") =>
        client.PostAsync(new Uri($"/b/{key}/images", UriKind.Relative), new ByteArrayContent(bytes) { Headers = { { "Content-Type", declaredType } } });

    [Fact]
    public async Task An_uploaded_image_is_answered_with_its_hash_and_served_by_either_link_as_a_picture_cached_for_good()
    {
        var board = await NewBoardAsync();

        using var uploaded = await UploadAsync(board.EditKey.Value, TestImages.Png(40, 30, SKColors.Red));

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var image = (await uploaded.Content.ReadFromJsonAsync<BoardImageEndpoints.UploadedImage>())!;
        Assert.Equal((40, 30, "image/png"), (image.Width, image.Height, image.ContentType));
        using var served = await client.GetAsync(new Uri($"/b/{board.ViewKey}/images/{image.Hash}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", Assert.Single(served.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("immutable", served.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromDays(365), served.Headers.CacheControl.MaxAge);
        Assert.Contains("sandbox", Assert.Single(served.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        using var decoded = SKBitmap.Decode(await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(SKColors.Red, decoded.GetPixel(20, 15));
    }

    [Fact]
    public async Task A_client_past_its_budget_of_uploads_is_told_to_wait_and_its_image_is_not_kept()
    {
        await using var limited = await RunningApp.StartWithAsync("--Whiteboard:ImageUploadsPerMinute", "1", "--Whiteboard:ImageUploadBurst", "2");
        using var limitedClient = limited.CreateClient();
        var board = await limited.Services.GetRequiredService<BoardRooms>().CreateBoardAsync(new ImportedBoard("Images", []), CancellationToken.None);
        Task<HttpResponseMessage> Upload(SKColor color) =>
            limitedClient.PostAsync(new Uri($"/b/{board.EditKey}/images", UriKind.Relative), new ByteArrayContent(TestImages.Png(8, 8, color)));

        using var first = await Upload(SKColors.Red);
        using var second = await Upload(SKColors.Green);
        var third = TestImages.Png(8, 8, SKColors.Blue);
        using var refused = await Upload(SKColors.Blue);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var wait = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        var refusal = (await refused.Content.ReadFromJsonAsync<BoardImageEndpoints.UploadRefusal>())!;
        Assert.Equal((ImageUploadLimiter.Refusal((int)wait.Value.TotalSeconds), BoardImageEndpoints.UploadRefusal.TooMany), (refusal.Error, refusal.Problem));
        var images = limited.Services.GetRequiredService<IBoardImageStore>();
        Assert.False(await images.HasImageAsync(board.Id, (await limited.Services.GetRequiredService<ImageCheck>().CheckAsync(third, CancellationToken.None)).Value!.Hash, CancellationToken.None));
    }

    [Fact]
    public async Task A_bad_file_is_refused_with_its_reason_and_nothing_is_kept()
    {
        var board = await NewBoardAsync();
        var polyglot = TestImages.PngWithText(TestImages.Png(10, 10, SKColors.Green), "<html><script>alert(1)</script></html>");

        using var refused = await UploadAsync(board.EditKey.Value, polyglot);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusal = (await refused.Content.ReadFromJsonAsync<BoardImageEndpoints.UploadRefusal>())!;
        Assert.Equal((ImageCheck.Markup("<html"), BoardImageEndpoints.UploadRefusal.Refused), (refusal.Error, refusal.Problem));
        var images = app.Services.GetRequiredService<IBoardImageStore>();
        Assert.False(await images.HasImageAsync(board.Id, Shared.Ids.ImageHash.Of(polyglot), CancellationToken.None));

        using var bomb = await UploadAsync(board.EditKey.Value, TestImages.PngClaiming(50_000, 50_000));
        Assert.Equal(HttpStatusCode.BadRequest, bomb.StatusCode);
        using var large = await UploadAsync(board.EditKey.Value, new byte[11 * 1024 * 1024]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
    }

    [Fact]
    public async Task A_view_link_cannot_upload_and_an_unknown_link_or_hash_finds_nothing()
    {
        var board = await NewBoardAsync();
        var png = TestImages.Png(10, 10, SKColors.Blue);

        using var viewer = await UploadAsync(board.ViewKey.Value, png);
        using var nowhere = await UploadAsync(Shared.Ids.BoardKey.New().Value, png);
        using var unknownHash = await client.GetAsync(new Uri($"/b/{board.ViewKey}/images/{Shared.Ids.ImageHash.Of(png)}", UriKind.Relative));
        using var notAHash = await client.GetAsync(new Uri($"/b/{board.ViewKey}/images/..%2Fexport.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownHash.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAHash.StatusCode);
    }

    [Fact]
    public async Task A_large_image_costs_more_of_the_budget_and_is_refused_before_it_is_decoded_when_the_budget_cannot_pay()
    {
        await using var limited = await RunningApp.StartWithAsync("--Whiteboard:ImageUploadsPerMinute", "1", "--Whiteboard:ImageUploadBurst", "6");
        using var limitedClient = limited.CreateClient();
        var board = await limited.Services.GetRequiredService<BoardRooms>().CreateBoardAsync(new ImportedBoard("Images", []), CancellationToken.None);
        Task<HttpResponseMessage> Upload(byte[] bytes) =>
            limitedClient.PostAsync(new Uri($"/b/{board.EditKey}/images", UriKind.Relative), new ByteArrayContent(bytes));

        // 24 megapixels: the upload, then 6 more for its pixels, past the 5 left of a budget of 6.
        using var refused = await Upload(TestImages.PngClaiming(6_000, 4_000));
        using var small = await Upload(TestImages.Png(8, 8, SKColors.Red));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var wait = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(wait);
        var refusal = (await refused.Content.ReadFromJsonAsync<BoardImageEndpoints.UploadRefusal>())!;
        Assert.Equal((ImageUploadLimiter.Refusal((int)wait.Value.TotalSeconds), BoardImageEndpoints.UploadRefusal.TooMany), (refusal.Error, refusal.Problem));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task An_upload_past_the_uploads_being_checked_is_told_the_server_is_busy_and_nothing_is_kept()
    {
        var board = await NewBoardAsync();
        var slots = app.Services.GetRequiredService<ImageCheck>().Slots;
        var held = Enumerable.Range(0, ImageCheckSlots.PerInstance).Select(n => slots.TryTake(IPAddress.Parse($"192.0.2.{n}"))).ToList();
        var png = TestImages.Png(10, 10, SKColors.Green);

        using var busy = await UploadAsync(board.EditKey.Value, png);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(ImageCheckSlots.RetryAfterSeconds), busy.Headers.RetryAfter?.Delta);
        var refusal = (await busy.Content.ReadFromJsonAsync<BoardImageEndpoints.UploadRefusal>())!;
        Assert.Equal(("The server is busy checking other images: try again in 5 seconds.", BoardImageEndpoints.UploadRefusal.Busy), (refusal.Error, refusal.Problem));
        var images = app.Services.GetRequiredService<IBoardImageStore>();
        var hash = (await app.Services.GetRequiredService<ImageCheck>().CheckAsync(png, CancellationToken.None)).Value!.Hash;
        Assert.False(await images.HasImageAsync(board.Id, hash, CancellationToken.None));

        held[0]!.Dispose();
        using var admitted = await UploadAsync(board.EditKey.Value, png);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        held.ForEach(slot => slot?.Dispose());
    }
}
