using System.Threading.Channels;
using Whiteboard.App.Hubs;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>Programs draw styled shapes and restyle them through /hubs/board; the others, a late joiner and the exports see them.</summary>
public sealed class HubStyleTests : HubBoardTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static async Task<HubEvent> NextEventAsync(ChannelReader<HubUpdate> updates, string change)
    {
        while (true)
        {
            var update = await updates.ReadAsync().AsTask().WaitAsync(Patience);
            if (update.Events?.FirstOrDefault(e => e.Change == change) is { } found)
            {
                return found;
            }
        }
    }

    [Fact]
    public async Task A_styled_shape_and_a_restyle_reach_the_others_a_late_joiner_and_the_exports_and_a_bad_style_is_refused()
    {
        var (drawer, _) = await JoinListeningAsync(Board.EditKey.Value, "Drawing bot");
        var (_, watcherSees) = await JoinListeningAsync(Board.EditKey.Value, "Watching bot");

        var drawn = await drawer.SubmitAsync([
            new BoardMessage("shape", "box", Points: [0, 0, 100, 60], Color: "#1e1e1e", Width: 4, Shape: "rect", Done: true, Fill: "#a5d8ff", Line: "dashed", Opacity: 0.6),
            new BoardMessage("shape", "arrow", Points: [0, 100, 100, 100], Color: "#1e1e1e", Width: 2, Shape: "arrow", Done: true),
        ]);
        var refused = await drawer.SubmitAsync([new BoardMessage("shape", "bad", Points: [0, 0, 1, 1], Color: "#000", Width: 2, Shape: "line", Done: true, Fill: "#fff")]);
        var restyled = await drawer.SubmitAsync([new BoardMessage("restyle", Op: "o1", Elements: ["box", "arrow"], Line: "dotted", Opacity: 0.3)]);

        Assert.True(drawn.IsAccepted, drawn.Rejection);
        Assert.Equal("Only rectangles and ellipses take a fill.", refused.Rejection);
        Assert.True(restyled.IsAccepted, restyled.Rejection);
        var seen = await NextEventAsync(watcherSees, "drawn");
        Assert.Equal(("#a5d8ff", "dashed", 0.6f), (seen.Elements![0].Fill, seen.Elements[0].Line, seen.Elements[0].Opacity));

        var (_, lateSees) = await JoinListeningAsync(Board.EditKey.Value, "Late bot");
        var snapshot = await lateSees.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal("snapshot", snapshot.Kind);
        Assert.Equal([("#a5d8ff", "dotted", 0.3f), (null, "dotted", 0.3f)], snapshot.Elements!.Select(element => (element.Fill, element.Line, element.Opacity)));

        using var http = App.CreateClient();
        var file = ImportedBoard.Read(await http.GetByteArrayAsync(new Uri($"/b/{Board.ViewKey}/export.json", UriKind.Relative)), ParticipantId.New());
        Assert.True(file.IsValid, file.Error);
        Assert.Equal(new StrokeStyle("#1e1e1e", 4, "#a5d8ff", LineStyle.Dotted, 0.3f), ElementStyles.StyleOf(file.Value!.Elements[0]));
        var svg = await http.GetStringAsync(new Uri($"/b/{Board.ViewKey}/export.svg", UriKind.Relative));
        Assert.Contains("fill=\"#a5d8ff\" opacity=\"0.3\"", svg, StringComparison.Ordinal);
        Assert.Contains("stroke-dasharray=\"0 10\"", svg, StringComparison.Ordinal);
    }
}
