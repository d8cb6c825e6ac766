using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Whiteboard.App.Boards;
using Whiteboard.App.Hubs;
using Whiteboard.Bench.Hub;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.State;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// Programs on a board read and send its chat through /hubs/board: in snapshots, as "chat" events, and by SendChat; the
/// board's JSON file carries it.
/// </summary>
public sealed class HubChatTests : HubBoardTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static async Task<HubUpdate> NextAsync(ChannelReader<HubUpdate> updates, Func<HubUpdate, bool> matching)
    {
        while (true)
        {
            var update = await updates.ReadAsync().AsTask().WaitAsync(Patience);
            if (matching(update))
            {
                return update;
            }
        }
    }

    private static Task<SubmitResult> SendChatAsync(BoardHubClient client, string text) =>
        client.Connection.InvokeAsync<SubmitResult>("SendChat", text);

    [Fact]
    public async Task A_viewer_program_sends_chat_the_others_get_it_as_an_event_and_a_late_joiner_in_its_snapshot()
    {
        var (_, teacherSees) = await JoinListeningAsync(Board.EditKey.Value, "Teacher bot");
        var (viewer, viewerSees) = await JoinListeningAsync(Board.ViewKey.Value, "Student bot");
        Assert.Empty((await NextAsync(viewerSees, update => update.Kind == "snapshot")).Chat!);

        var sent = await SendChatAsync(viewer, "Can you say that again?");
        var refused = await SendChatAsync(viewer, "   ");

        Assert.True(sent.IsAccepted, sent.Rejection);
        Assert.Contains("must not be empty", refused.Rejection, StringComparison.Ordinal);
        var chat = Assert.Single((await NextAsync(teacherSees, update => update.Kind == "events")).Events!);
        Assert.Equal("chat", chat.Change);
        Assert.Equal((1L, "Student bot", "Can you say that again?"), (chat.Message!.Number, chat.Message.Name, chat.Message.Text));

        var (late, lateSees) = await JoinListeningAsync(Board.ViewKey.Value, "Late bot");
        Assert.Equal([chat.Message], (await NextAsync(lateSees, update => update.Kind == "snapshot")).Chat!);
        Assert.Equal([chat.Message], await late.Connection.InvokeAsync<ChatMessage[]>("ChatBefore", 2L));
        Assert.Empty(await late.Connection.InvokeAsync<ChatMessage[]>("ChatBefore", 1L));

        // The board's file carries the chat; its picture does not.
        using var http = App.CreateClient();
        var file = ImportedBoard.Read(await http.GetByteArrayAsync(new Uri($"/b/{Board.ViewKey}/export.json", UriKind.Relative)), ParticipantId.New());
        Assert.Equal([chat.Message], file.Value!.Chat);
        Assert.DoesNotContain("say that again", await http.GetStringAsync(new Uri($"/b/{Board.ViewKey}/export.svg", UriKind.Relative)), StringComparison.Ordinal);
    }
}
