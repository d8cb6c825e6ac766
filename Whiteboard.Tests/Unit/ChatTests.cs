using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Whiteboard.App.Boards;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;
using Whiteboard.Tests.Infrastructure;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// The chat beside the board (issue 23, item 1): a message is a stored operation, stamped by the board's writer with
/// its author as seated, seen by everyone in the board's one order, by a late joiner and after a restart; a refused one
/// says why and reaches nobody; viewers may chat; nobody undoes it.
/// </summary>
public sealed class ChatTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly InMemoryBoardStore store = new();
    private readonly ManualClock clock = new();
    private readonly ParticipantTokens tokens = new(new EphemeralDataProtectionProvider());
    private readonly List<BoardSession> sessions = [];
    private BoardRooms rooms = null!;
    private BoardRecord board = null!;

    public async Task InitializeAsync()
    {
        rooms = Rooms();
        board = await rooms.CreateBoardAsync(content: null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var session in sessions)
        {
            await session.DisposeAsync();
        }

        await rooms.DisposeAsync();
    }

    private BoardRooms Rooms() => LocalBoardGrains.Rooms(store, clock, new BoardRoomOptions { SubscriberQueueCapacity = 4096 }, NullLoggerFactory.Instance);

    /// <summary>A page on the board by <paramref name="key"/> (the edit key unless said), and what it is sent, in order.</summary>
    private async Task<(BoardSession Session, ChannelReader<RoomUpdate> Updates)> JoinAsync(string name, BoardKey? key = null, BoardRooms? on = null)
    {
        var session = new BoardSession(on ?? rooms, tokens, clock, NullLogger<BoardSession>.Instance);
        sessions.Add(session);
        var updates = Channel.CreateUnbounded<RoomUpdate>();
        Assert.Null(await session.JoinAsync(key ?? board.EditKey, name, batch =>
        {
            foreach (var update in batch)
            {
                updates.Writer.TryWrite(update);
            }

            return Task.CompletedTask;
        }));
        return (session, updates.Reader);
    }

    private static async Task<ChatMessage> NextChatAsync(ChannelReader<RoomUpdate> updates)
    {
        while (true)
        {
            if (await updates.ReadAsync().AsTask().WaitAsync(Patience) is EventsUpdate events
                && events.Events.Select(e => e.Change).OfType<ChatPosted>().FirstOrDefault() is { } posted)
            {
                return posted.Message;
            }
        }
    }

    private static async Task<BoardSnapshot> SnapshotAsync(ChannelReader<RoomUpdate> updates)
    {
        while (true)
        {
            if (await updates.ReadAsync().AsTask().WaitAsync(Patience) is SnapshotUpdate snapshot)
            {
                return snapshot.Snapshot;
            }
        }
    }

    private static async Task SentAsync(Task<SubmitResult> sending)
    {
        var result = await sending.WaitAsync(Patience);
        Assert.True(result.IsAccepted, result.Rejection);
    }

    private static PostChat Stamped(string op, string text, string name = "Ada", int minute = 0) =>
        new(Op(op), text, new ChatStamp(name, "#1971c2", new DateTimeOffset(2026, 12, 6, 9, minute, 0, TimeSpan.Zero)));

    [Fact]
    public async Task A_message_reaches_everyone_stamped_with_its_author_as_seated_and_a_late_joiner_gets_it_with_the_board()
    {
        var (ada, _) = await JoinAsync("Ada");
        var (_, bobSees) = await JoinAsync("Bob");
        clock.Advance(TimeSpan.FromMinutes(3));

        await SentAsync(ada.SendChatAsync("  Is the second line\nshown too?  "));

        var seen = await NextChatAsync(bobSees);
        var adaSeated = ada.People.Single(seat => seat.Number == ada.Seat);
        Assert.Equal(new ChatMessage(1, "Ada", adaSeated.Color, clock.GetUtcNow(), "Is the second line\nshown too?"), seen);
        var (cy, cySees) = await JoinAsync("Cy");
        Assert.Equal([seen], (await SnapshotAsync(cySees)).Chat);
        Assert.Equal([seen], cy.Chat);
    }

    [Theory]
    [InlineData("   \n ", "must not be empty")]
    [InlineData("tab\tseparated", "control characters")]
    [InlineData("a noncharacter \uFFFE", "noncharacters")]
    [InlineData("another noncharacter \uFDD0", "noncharacters")]
    public async Task A_refused_message_says_why_and_reaches_nobody(string text, string why)
    {
        var (ada, _) = await JoinAsync("Ada");
        var (_, bobSees) = await JoinAsync("Bob");

        var refused = await ada.SendChatAsync(text);
        await SentAsync(ada.SendChatAsync("the next one"));

        Assert.Contains(why, refused.Rejection, StringComparison.Ordinal);
        Assert.Equal("the next one", (await NextChatAsync(bobSees)).Text);
    }

    [Fact]
    public async Task A_message_over_the_limit_is_refused_and_one_at_the_limit_is_posted()
    {
        var (ada, adaSees) = await JoinAsync("Ada");

        var refused = await ada.SendChatAsync(new string('x', BoardLimits.MaxChatLength + 1));
        await SentAsync(ada.SendChatAsync(new string('y', BoardLimits.MaxChatLength)));

        Assert.Contains("at most 1,000 characters", refused.Rejection, StringComparison.Ordinal);
        Assert.Equal(new string('y', BoardLimits.MaxChatLength), (await NextChatAsync(adaSees)).Text);
    }

    [Fact]
    public async Task Messages_in_a_loop_are_refused_past_the_burst_and_allowed_again_a_moment_later()
    {
        var (ada, _) = await JoinAsync("Ada");
        for (var n = 1; n <= BoardLimits.ChatBurst; n++)
        {
            await SentAsync(ada.SendChatAsync($"message {n}"));
        }

        var refused = await ada.SendChatAsync("one too many");
        var (_, cySees) = await JoinAsync("Cy");

        Assert.Contains("Too many chat messages", refused.Rejection, StringComparison.Ordinal);
        Assert.Equal(BoardLimits.ChatBurst, (await SnapshotAsync(cySees)).Chat.Count);
        clock.Advance(TimeSpan.FromSeconds(1));
        await SentAsync(ada.SendChatAsync("a moment later"));
    }

    [Fact]
    public async Task Someone_on_the_view_link_can_chat_but_not_draw()
    {
        var (viewer, _) = await JoinAsync("Student", board.ViewKey);
        var (_, teacherSees) = await JoinAsync("Teacher");

        await SentAsync(viewer.SendChatAsync("A question"));
        var drawing = await viewer.SubmitAsync([BoardMessage.Of(Begin("s", 1, 1))]);

        var seen = await NextChatAsync(teacherSees);
        Assert.Equal(("Student", "A question"), (seen.Name, seen.Text));
        Assert.Contains("view-only", drawing.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_a_client_stamps_itself_is_stamped_again_by_the_writer_with_who_really_sent_it()
    {
        var (ada, _) = await JoinAsync("Ada");
        var (_, bobSees) = await JoinAsync("Bob");

        await SentAsync(ada.SubmitAsync([new BoardMessage("chat", Op: "forged", Text: "I am the teacher", Name: "Teacher", Color: "#000000",
            At: DateTimeOffset.UnixEpoch)]));

        var seen = await NextChatAsync(bobSees);
        Assert.Equal(("Ada", clock.GetUtcNow()), (seen.Name, seen.At));
    }

    [Fact]
    public async Task The_chat_is_kept_across_a_restart()
    {
        var (ada, _) = await JoinAsync("Ada");
        await SentAsync(ada.SendChatAsync("first"));
        await SentAsync(ada.SendChatAsync("second"));
        await ada.DisposeAsync();
        await rooms.DisposeAsync();

        rooms = Rooms();
        var (_, laterSees) = await JoinAsync("Later");

        Assert.Equal(["first", "second"], (await SnapshotAsync(laterSees)).Chat.Select(message => message.Text));
    }

    [Fact]
    public async Task The_chat_is_read_back_from_the_stored_operations_by_a_writer_that_loads_the_board_anew()
    {
        var (ada, _) = await JoinAsync("Ada");
        await SentAsync(ada.SendChatAsync("first"));
        await SentAsync(ada.SendChatAsync("second"));

        // No snapshot was written yet: another app's writer has only the stored operations to go by.
        await using var another = Rooms();
        var (_, elsewhereSees) = await JoinAsync("Elsewhere", on: another);

        var chat = (await SnapshotAsync(elsewhereSees)).Chat;
        Assert.Equal([("Ada", "first"), ("Ada", "second")], chat.Select(message => (message.Name, message.Text)));
    }

    [Fact]
    public async Task A_snapshot_carries_the_latest_200_and_older_ones_come_on_asking()
    {
        var joined = await rooms.JoinAsync(board.EditKey, ParticipantId.New(), "Ada", CancellationToken.None);
        var (room, ada) = joined!.Value;
        for (var sent = 0; sent < 250; sent += BoardLimits.MaxMessagesPerBatch)
        {
            var batch = Enumerable.Range(sent, Math.Min(BoardLimits.MaxMessagesPerBatch, 250 - sent))
                .Select(n => (BoardOperation)new PostChat(Op($"m{n}"), $"message {n + 1}", null)).ToList();
            await SentAsync(room.SubmitAsync(ada, batch, CancellationToken.None));
        }

        var (late, lateSees) = await JoinAsync("Late");
        var snapshot = await SnapshotAsync(lateSees);
        Assert.Equal(Enumerable.Range(51, 200).Select(n => (long)n), snapshot.Chat.Select(message => message.Number));

        Assert.Equal(50, await late.ShowOlderChatAsync());
        Assert.Equal(Enumerable.Range(1, 250).Select(n => $"message {n}"), late.Chat.Select(message => message.Text));
        Assert.Equal(0, await late.ShowOlderChatAsync());
        await rooms.LeaveAsync(room, ada);
    }

    [Fact]
    public void A_message_without_the_writers_stamp_is_refused_by_the_board()
    {
        var state = new BoardState();

        var outcome = state.Apply(ParticipantId.New(), new PostChat(Op("c"), "hello", null));

        Assert.True(outcome.IsRejected);
        Assert.Empty(state.LatestChat(BoardLimits.ChatPage));
    }

    [Fact]
    public void A_message_is_in_nobodys_undo_history_and_its_retry_is_posted_once()
    {
        var ada = ParticipantId.New();
        var state = new BoardState();
        state.Apply(ada, Begin("s", 1, 1));
        state.Apply(ada, End("s"));

        var posted = state.Apply(ada, Stamped("c", "hello"));
        var retried = state.Apply(ada, Stamped("c", "hello"));
        var undone = state.Apply(ada, new Undo(Op("u1")));

        Assert.IsType<ChatPosted>(posted.Change);
        Assert.Equal(ApplyOutcome.Unchanged, retried);
        Assert.Equal([Id("s")], Assert.IsType<ElementsErased>(undone.Change).Elements);
        Assert.Equal("Nothing to undo.", state.Apply(ada, new Undo(Op("u2"))).Rejection);
        Assert.Equal(["hello"], state.LatestChat(BoardLimits.ChatPage).Select(message => message.Text));
    }

    [Fact]
    public void The_chat_counts_in_the_boards_size()
    {
        var state = new BoardState();

        state.Apply(ParticipantId.New(), Stamped("c", "hello"));

        Assert.Equal(("hello".Length + "Ada".Length) * BoardLimits.BoardSizeBytesPerCharacter + BoardLimits.BoardSizeBytesPerElement, state.Size.Bytes);
    }

    [Fact]
    public void The_chat_replays_the_same_from_the_stored_operations_and_from_a_stored_snapshot()
    {
        var (ada, bob) = (ParticipantId.New(), ParticipantId.New());
        var state = new BoardState();
        List<(ParticipantId Author, BoardMessage Message)> log = [];
        foreach (var (author, operation) in new[] { (ada, Stamped("c1", "hi", "Ada", 1)), (bob, Stamped("c2", "hello\nthere", "Bob", 2)) })
        {
            Assert.IsType<ChatPosted>(state.Apply(author, operation).Change);
            log.Add((author, BoardMessage.Of(operation)));
        }

        var replayed = new BoardState();
        foreach (var (author, message) in log)
        {
            // As the store writes it down and reads it back (the relays' JSON is the store's).
            var stored = RelayJson.Decode<BoardMessage>(RelayJson.Encode(message));
            var parsed = MessageValidator.Parse([stored]);
            Assert.True(parsed.IsValid, parsed.Error);
            replayed.Apply(author, parsed.Value![0]);
        }

        var restored = BoardState.Restore(RelayJson.Decode<BoardStateRecord>(RelayJson.Encode(state.Capture())));

        Assert.True(restored.IsValid, restored.Error);
        Assert.Equal(state.Chat(), replayed.Chat());
        Assert.Equal(state.Chat(), restored.Value!.Chat());
        Assert.Equal(state.Size, restored.Value.Size);
        Assert.Equal(3, Assert.IsType<ChatPosted>(restored.Value.Apply(ada, Stamped("c3", "and more")).Change).Message.Number);
    }

    [Fact]
    public void Operations_other_than_chat_are_stored_and_relayed_without_the_chats_stamp()
    {
        var stroke = Encoding.UTF8.GetString(RelayJson.Encode(BoardMessage.Of(Begin("s", 1, 1))));
        var chat = Encoding.UTF8.GetString(RelayJson.Encode(BoardMessage.Of(Stamped("c", "hi"))));

        Assert.DoesNotContain("\"name\"", stroke, StringComparison.Ordinal);
        Assert.DoesNotContain("\"at\"", stroke, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"Ada\"", chat, StringComparison.Ordinal);
        Assert.Contains("\"at\":\"2026-12-06T09:00:00+00:00\"", chat, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exported_chat_imports_the_same_and_a_version_1_file_still_imports()
    {
        var state = new BoardState();
        state.Apply(ParticipantId.New(), Stamped("c1", "see https://example.org", "Ada", 1));
        state.Apply(ParticipantId.New(), Stamped("c2", "thanks", "Bob", 2));
        var file = JsonSerializer.SerializeToUtf8Bytes(BoardDocument.Of("Physics", [], state.Chat()), new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var imported = ImportedBoard.Read(file, ParticipantId.New());
        var version1 = ImportedBoard.Read("""{"format":"whiteboard","version":1,"name":"Old","elements":[]}"""u8, ParticipantId.New());
        var damaged = ImportedBoard.Read(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(file).Replace("thanks", "\\uFFFE", StringComparison.Ordinal)), ParticipantId.New());

        Assert.True(imported.IsValid, imported.Error);
        Assert.Equal(state.Chat(), imported.Value!.Chat);
        Assert.Equal(state.Chat(), BoardState.Of(imported.Value.Elements, imported.Value.Chat).Chat());
        Assert.True(version1.IsValid, version1.Error);
        Assert.Equal(("Old", 0), (version1.Value!.Name, version1.Value.Chat.Count));
        Assert.Contains("Chat message 1", damaged.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_sent_on_one_instance_reaches_the_other()
    {
        var writer = new LocalBoardGrains(store, clock, new BoardRoomOptions(), NullLoggerFactory.Instance).Of(board.Id);
        await using var first = await BoardRoom.LoadAsync(board, writer, clock, NullLogger.Instance, new BoardRoomOptions(), CancellationToken.None);
        await using var second = await BoardRoom.LoadAsync(board, writer, clock, NullLogger.Instance, new BoardRoomOptions(), CancellationToken.None);
        var ada = (await first.JoinAsync(ParticipantId.New(), board.EditKey, "Ada"))!;
        var bob = (await second.JoinAsync(ParticipantId.New(), board.ViewKey, "Bob"))!;

        await SentAsync(second.SubmitAsync(bob, [new PostChat(Op("q"), "From the other instance", null)], CancellationToken.None));

        var seen = await NextChatAsync(ada.Updates);
        Assert.Equal(("Bob", "From the other instance"), (seen.Name, seen.Text));
        Assert.Equal([seen], await first.ReadChatAsync(before: 2, CancellationToken.None));
    }
}
