using System.Threading.Channels;
using Whiteboard.App.Hubs;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>Programs on a board place sticky notes and edit texts through /hubs/board; the others see it, the board's files carry it.</summary>
public sealed class HubNoteTests : HubBoardTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>The next "drawn" event's elements.</summary>
    private static async Task<IReadOnlyList<ElementRecord>> NextDrawnAsync(ChannelReader<HubUpdate> updates)
    {
        while (true)
        {
            var update = await updates.ReadAsync().AsTask().WaitAsync(Patience);
            if (update.Events?.FirstOrDefault(change => change.Change == "drawn") is { } drawn)
            {
                return drawn.Elements!;
            }
        }
    }

    [Fact]
    public async Task A_program_places_a_note_and_edits_it_the_others_see_both_and_the_files_carry_the_new_text()
    {
        var (writer, _) = await JoinListeningAsync(Board.EditKey.Value, "Writer bot");
        var (_, readerSees) = await JoinListeningAsync(Board.EditKey.Value, "Reader bot");
        var (viewer, _) = await JoinListeningAsync(Board.ViewKey.Value, "Viewer bot");

        var placed = await writer.SubmitAsync([new BoardMessage("note", "n1", Points: [10, 20], Color: "#b2f2bb", Width: 240, Text: "first")]);
        var note = Assert.Single(await NextDrawnAsync(readerSees));
        var edited = await writer.SubmitAsync([new BoardMessage("edit-text", "n1", Op: "e1", Text: "second")]);
        var again = Assert.Single(await NextDrawnAsync(readerSees));
        var byViewer = await viewer.SubmitAsync([new BoardMessage("edit-text", "n1", Op: "e2", Text: "third")]);
        var ofNothing = await writer.SubmitAsync([new BoardMessage("edit-text", "gone", Op: "e3", Text: "x")]);

        Assert.True(placed.IsAccepted && edited.IsAccepted, placed.Rejection ?? edited.Rejection);
        Assert.Equal(("note", "#b2f2bb", 240f, "first"), (note.Type, note.Color, note.Width, note.Text));
        Assert.Equal(("n1", "second"), (again.Id, again.Text));
        Assert.Equal(note.Points, again.Points);
        Assert.False(byViewer.IsAccepted);
        Assert.Equal("This text is no longer on the board.", ofNothing.Rejection);

        using var http = App.CreateClient();
        var file = ImportedBoard.Read(await http.GetByteArrayAsync(new Uri($"/b/{Board.ViewKey}/export.json", UriKind.Relative)), ParticipantId.New());
        Assert.Equal("second", Assert.IsType<Note>(Assert.Single(file.Value!.Elements)).Content);
        var svg = await http.GetStringAsync(new Uri($"/b/{Board.ViewKey}/export.svg", UriKind.Relative));
        Assert.Contains(">second</text>", svg, StringComparison.Ordinal);
        Assert.Contains("fill=\"#b2f2bb\"", svg, StringComparison.Ordinal);
    }
}
