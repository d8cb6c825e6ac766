using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Whiteboard.App.Boards;
using Whiteboard.App.History;
using Whiteboard.App.Images;
using Whiteboard.Bench.Hub;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// The JSON export carries the board's whole history when asked (<c>?history=true</c>, format version 5), and an import
/// of that file keeps it: the new board's timeline and every moment of it are the old one's. A file whose history does
/// not lead to its board is refused with the reason; without the option the export is as before.
/// </summary>
public sealed class HistoryExportTests : HubBoardTest
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static BoardMessage Rectangle(string id, double x) =>
        new("shape", id, Points: [x, 0, x + 10, 10], Color: "#1971c2", Width: 3, Shape: "rect", Done: true);

    /// <summary>Two people draw, clear, restore the moment before the clear, chat and move: the board's history.</summary>
    private async Task DrawAsync()
    {
        var ada = await BoardHubClient.ConnectAsync(App.Address, _ => Task.CompletedTask);
        var bo = await BoardHubClient.ConnectAsync(App.Address, _ => Task.CompletedTask);
        Clients.AddRange([ada, bo]);
        await ada.JoinAsync(Board.EditKey.Value, "Ada bot");
        await bo.JoinAsync(Board.EditKey.Value, "Bo bot");
        foreach (var (client, batch) in new (BoardHubClient, BoardMessage[])[]
        {
            (ada, [Rectangle("r1", 0), Rectangle("r2", 20)]),
            (bo, [new BoardMessage("begin", "s1", Points: [0, 0, 0.5, 5, 5, 0.5], Color: "#e03131", Width: 4),
                new BoardMessage("extend", "s1", 2, [9, 9, 0.5]), new BoardMessage("end", "s1")]),
            (bo, [new BoardMessage("clear", Op: "clear")]),
            (ada, [new BoardMessage("restore", Op: "back", Sequence: 5)]),
            (bo, [new BoardMessage("chat", Op: "hello", Text: "we are back")]),
            (ada, [new BoardMessage("move", Op: "m", Elements: ["r1"], Dx: 7, Dy: 3)]),
        })
        {
            var result = await client.SubmitAsync(batch);
            Assert.True(result.IsAccepted, result.Rejection);
        }
    }

    private async Task<byte[]> ExportAsync(string query)
    {
        using var http = App.CreateClient();
        using var response = await http.GetAsync(new Uri($"/b/{Board.ViewKey}/export.json{query}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static string Written(HistoryMoment moment) =>
        JsonSerializer.Serialize(moment.Board.Elements.Select(element => ElementRecord.Of(element, withAuthor: true)), Json);

    [Fact]
    public async Task An_export_with_its_history_imports_as_a_board_with_the_same_history_moment_for_moment()
    {
        await DrawAsync();
        var history = App.Services.GetRequiredService<BoardHistory>();
        var timeline = await history.TimelineAsync(Board.Id, CancellationToken.None);

        var file = await ExportAsync("?history=true");
        var document = JsonSerializer.Deserialize<BoardDocument>(file, Json)!;
        var imported = ImportedBoard.Read(file, ParticipantId.New());
        Assert.True(imported.IsValid, imported.Error);
        var copy = await App.Services.GetRequiredService<BoardRooms>().CreateBoardAsync(imported.Value!, [], CancellationToken.None);
        var copied = await history.TimelineAsync(copy.Id, CancellationToken.None);

        Assert.Equal(5, document.Version);
        Assert.Equal(0, document.History!.First);
        Assert.Equal(Enumerable.Range(1, (int)timeline.Last).Select(sequence => (long)sequence), document.History.Operations!.Select(entry => entry!.Sequence));
        Assert.Equal(["Ada bot", "Bo bot"], document.History.Operations!.Select(entry => entry!.Name).Distinct().Order());
        Assert.All(document.History.Operations!, entry => Assert.NotNull(entry!.At));
        Assert.Equal((timeline.First, timeline.Last), (copied.First, copied.Last));
        Assert.Equal(timeline.Marks, copied.Marks);
        for (var sequence = timeline.First; sequence <= timeline.Last; sequence++)
        {
            var (was, now) = (await history.AtAsync(Board.Id, sequence, CancellationToken.None), await history.AtAsync(copy.Id, sequence, CancellationToken.None));
            Assert.Equal(Written(was), Written(now));
            Assert.Equal(was.At, now.At);
            Assert.Equal(was.Drawing, now.Drawing);
        }

        Assert.Equal(["r1", "r2", "s1"], imported.Value!.Elements.Select(element => element.Id.Value).Order());
        Assert.Equal("we are back", Assert.Single(imported.Value.Chat).Text);
    }

    [Fact]
    public async Task Without_the_option_the_export_is_as_before_and_a_bad_option_is_refused()
    {
        await DrawAsync();

        var plain = JsonNode.Parse(await ExportAsync(""))!;
        using var http = App.CreateClient();
        using var bad = await http.GetAsync(new Uri($"/b/{Board.ViewKey}/export.json?history=maybe", UriKind.Relative));

        Assert.Equal(BoardDocument.VersionWithoutImages, plain["version"]!.GetValue<int>());
        Assert.Null(plain["history"]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_file_whose_history_does_not_lead_to_its_board_is_refused_with_the_reason()
    {
        await DrawAsync();
        var file = JsonNode.Parse(await ExportAsync("?history=true"))!;
        var changedBoard = file.DeepClone();
        changedBoard["elements"]!.AsArray().RemoveAt(0);
        var changedHistory = file.DeepClone();
        changedHistory["history"]!["operations"]!.AsArray().RemoveAt(2);

        var boardRefused = ImportedBoard.Read(JsonSerializer.SerializeToUtf8Bytes(changedBoard), ParticipantId.New());
        var historyRefused = ImportedBoard.Read(JsonSerializer.SerializeToUtf8Bytes(changedHistory), ParticipantId.New());

        Assert.Equal("The file's history does not lead to its elements and chat: the file was changed after it was written.", boardRefused.Error);
        Assert.Equal("The file's history cannot be imported: operation 3 cannot be read. The operations must be numbered one after another, from 3.",
            historyRefused.Error);
    }

    [Fact]
    public async Task An_image_erased_before_the_export_travels_with_the_history_and_shows_in_the_imported_board_s_past()
    {
        var painter = await BoardHubClient.ConnectAsync(App.Address, _ => Task.CompletedTask);
        Clients.Add(painter);
        await painter.JoinAsync(Board.EditKey.Value, "Painter bot");
        using var http = App.CreateClient();
        using var uploaded = await http.PostAsync(new Uri($"/b/{Board.EditKey}/images", UriKind.Relative),
            new ByteArrayContent(TestImages.Png(16, 8, SKColors.Teal)));
        var image = (await uploaded.Content.ReadFromJsonAsync<BoardImageEndpoints.UploadedImage>())!;
        Assert.True((await painter.SubmitAsync([new BoardMessage("image", "i1", Points: [0, 0, 32, 16], Image: image.Hash)])).IsAccepted);
        Assert.True((await painter.SubmitAsync([new BoardMessage("erase", Op: "gone", Elements: ["i1"])])).IsAccepted);

        var file = await ExportAsync("?history=true");
        var imported = ImportedBoard.Read(file, ParticipantId.New());
        Assert.True(imported.IsValid, imported.Error);
        var checkedImages = await ImportedImages.CheckAsync(imported.Value!, App.Services.GetRequiredService<ImageCheck>(),
            App.Services.GetRequiredService<ImageUploadLimiter>(), System.Net.IPAddress.Loopback, CancellationToken.None);
        Assert.True(checkedImages.IsValid, checkedImages.Error);
        var copy = await App.Services.GetRequiredService<BoardRooms>().CreateBoardAsync(checkedImages.Value.Board, checkedImages.Value.Images, CancellationToken.None);
        var placed = await App.Services.GetRequiredService<BoardHistory>().AtAsync(copy.Id, 1, CancellationToken.None);

        Assert.Empty(imported.Value!.Elements);
        var shown = Assert.IsType<Image>(Assert.Single(placed.Board.Elements));
        Assert.True(await App.Services.GetRequiredService<BoardRooms>().HasImageAsync(copy.Id, shown.Hash, CancellationToken.None));
    }
}
