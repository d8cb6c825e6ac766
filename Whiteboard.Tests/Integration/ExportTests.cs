using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
using Whiteboard.App.Export;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Rendering;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>Exports are written straight to the response, equal to the board, and only so many at once.</summary>
public sealed class ExportTests : IAsyncLifetime
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

    /// <summary>Many megabytes of strokes, with a shape and a text among them.</summary>
    private static List<BoardElement> LargeBoard()
    {
        var author = ParticipantId.New();
        var elements = Enumerable.Range(0, 200).Select(BoardElement (line) => new Stroke(Ink.Id($"line{line}"), author, Ink.Black,
            Enumerable.Range(0, 2_000).Select(point => new StrokePoint(point * 0.37f, line * 3.1f, 0.25f + point % 3 * 0.25f)).ToArray(),
            Finished: true)).ToList();
        elements.Insert(100, new Shape(Ink.Id("box"), author, ShapeKind.Rectangle, Ink.Black, new BoardPoint(-5, -5), new BoardPoint(40, 30), true));
        elements.Add(new Text(Ink.Id("note"), author, Ink.Black, new BoardPoint(10, -40), "Large & <small>\nsecond line"));
        return elements;
    }

    private async Task<BoardRecord> CreateAsync(IReadOnlyList<BoardElement> elements) =>
        await app.Services.GetRequiredService<BoardRooms>().CreateBoardAsync(new ImportedBoard("Big board", elements), CancellationToken.None);

    [Fact]
    public async Task A_large_board_s_exports_are_the_whole_board_as_before()
    {
        var elements = LargeBoard();
        var board = await CreateAsync(elements);

        using var json = await client.GetAsync(new Uri($"/b/{board.ViewKey}/export.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Big-board.json", json.Content.Headers.ContentDisposition!.FileName);
        var file = await json.Content.ReadAsByteArrayAsync();
        Assert.True(file.Length > 1024 * 1024, $"{file.Length} bytes: too few to be written in pieces");
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(BoardDocument.Of("Big board", elements, []), new JsonSerializerOptions(JsonSerializerDefaults.Web)), file);
        var read = ImportedBoard.Read(file, ParticipantId.New());
        Assert.True(read.IsValid, read.Error);
        Assert.Equal(elements.Select(element => element.Id), read.Value!.Elements.Select(element => element.Id));

        using var svg = await client.GetAsync(new Uri($"/b/{board.EditKey}/export.svg", UriKind.Relative));
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        Assert.Equal(SvgCanvas.Render(elements), await svg.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Past_the_bound_an_export_is_answered_503_with_retry_after_until_one_is_done()
    {
        var board = await CreateAsync(LargeBoard());
        var slots = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(endpoint => endpoint.Metadata.GetMetadata<ExportSlots>()).OfType<ExportSlots>().Distinct().Single();
        var held = Enumerable.Range(0, ExportSlots.PerInstance).Select(n => slots.TryTake(IPAddress.Parse($"192.0.2.{n}"))).ToList();
        Assert.All(held, Assert.NotNull);

        foreach (var export in new[] { "export.json", "export.svg" })
        {
            using var busy = await client.GetAsync(new Uri($"/b/{board.EditKey}/{export}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(ExportSlots.RetryAfterSeconds), busy.Headers.RetryAfter!.Delta);
            Assert.Equal("Too many downloads are being made right now. Try again in 5 seconds.", await busy.Content.ReadAsStringAsync());
        }

        // A slot comes free: the next export is written, and gives its slot back once done, as does one for an unknown link.
        held[0]!.Dispose();
        using var done = await client.GetAsync(new Uri($"/b/{board.EditKey}/export.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        using var unknown = await client.GetAsync(new Uri($"/b/{BoardKey.New()}/export.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var last = slots.TryTake(IPAddress.Parse("192.0.2.100"));
        Assert.NotNull(last);
        Assert.Null(slots.TryTake(IPAddress.Parse("192.0.2.101")));
    }

    [Fact]
    public async Task One_client_holding_its_exports_is_answered_503_while_another_is_served()
    {
        // A client reading its downloads slowly holds their slots; it may not hold the whole instance's.
        var board = await CreateAsync(LargeBoard());
        var slots = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(endpoint => endpoint.Metadata.GetMetadata<ExportSlots>()).OfType<ExportSlots>().Distinct().Single();
        var held = Enumerable.Range(0, ExportSlots.PerClient).Select(_ => slots.TryTake(IPAddress.Loopback)).ToList();
        Assert.All(held, Assert.NotNull);

        using var busy = await client.GetAsync(new Uri($"/b/{board.EditKey}/export.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        using var other = slots.TryTake(IPAddress.Parse("192.0.2.7"));
        Assert.NotNull(other);
        held[0]!.Dispose();
        using var served = await client.GetAsync(new Uri($"/b/{board.EditKey}/export.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }
}
