using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
using Whiteboard.App.Hubs;
using Whiteboard.Bench.Hub;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.State;
using Whiteboard.Shared.Validation;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// A large board goes to a hub program in parts (issue 21: one message of the whole board's JSON per reader kept
/// hundreds of MB on the server): each part small, the parts whole and in order, and nothing between them.
/// </summary>
public sealed class HubSnapshotPartsTests : HubBoardTest
{
    private const int Strokes = 40;
    private const int PointsPerStroke = 20_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_large_snapshot_comes_in_small_parts_whole_and_in_order_before_any_event_after_it()
    {
        // 800,000 points: about 9 MB of JSON, many parts' worth.
        var author = ParticipantId.New();
        var strokes = Enumerable.Range(0, Strokes).Select(BoardElement (line) => new Stroke(Ink.Id($"line{line}"), author, Ink.Black,
            Enumerable.Range(0, PointsPerStroke).Select(point => new StrokePoint(point, line, 0.5f)).ToArray(), Finished: true)).ToList();
        var large = await App.Services.GetRequiredService<BoardRooms>()
            .CreateBoardAsync(new ImportedBoard("Large", strokes), CancellationToken.None);
        var writer = await BoardHubClient.ConnectAsync(App.Address, _ => Task.CompletedTask);
        Clients.Add(writer);
        await writer.JoinAsync(large.EditKey.Value, "Writer");

        // The reader takes nothing in after its first message until the board has changed: what comes after the
        // snapshot is sent while its parts still are.
        var messages = Channel.CreateUnbounded<HubUpdate[]>();
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = await BoardHubClient.ConnectAsync(App.Address, async updates =>
        {
            await messages.Writer.WriteAsync(updates);
            await changed.Task;
        });
        Clients.Add(reader);
        await reader.JoinAsync(large.EditKey.Value, "Reader");
        var first = await messages.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        var after = await writer.SubmitAsync([
            new BoardMessage("begin", "after", Points: [1, 2, 0.5], Color: "#1971c2", Width: 3), new BoardMessage("end", "after")]);
        Assert.True(after.IsAccepted, after.Rejection);
        changed.SetResult();

        var received = new List<HubUpdate[]> { first };
        while (!received[^1].Any(update => update.Events?.Any(change => change.Id == "after") == true))
        {
            received.Add(await messages.Reader.ReadAsync().AsTask().WaitAsync(Patience));
        }

        var updates = received.SelectMany(message => message).ToList();
        var snapshot = updates[0];
        Assert.Equal("snapshot", snapshot.Kind);
        Assert.Equal(Strokes, snapshot.ElementCount);

        // Every message carries one part at most, each within the part's bound.
        Assert.All(received, message => Assert.True(message.Count(update => update.Elements is not null) <= 1));
        var parts = updates.TakeWhile(update => update.Kind is "snapshot" or "snapshot-part").ToList();
        Assert.True(parts.Count > 2, $"the snapshot came in {parts.Count} parts");
        Assert.All(parts, part => Assert.True(part.Elements!.Count == 1 || part.Elements.Sum(SizeOf) <= SnapshotPart.MaxBytes));
        Assert.All(parts, part => Assert.Equal(snapshot.Sequence, part.Sequence));

        // Put together, the parts are the board, element for element and in order.
        var elements = parts.SelectMany(part => part.Elements!).ToList();
        Assert.Equal(strokes.Select(stroke => stroke.Id.Value), elements.Select(element => element.Id));
        foreach (var (element, stroke) in elements.Zip(strokes.Cast<Stroke>()))
        {
            Assert.Equal(ElementRecord.Flatten(stroke.Points.Span), element.Points);
        }

        // Events come only after the last part, from the one after the snapshot on.
        Assert.DoesNotContain(updates.Skip(parts.Count), update => update.Kind is "snapshot" or "snapshot-part");
        var events = updates.Skip(parts.Count).SelectMany(update => update.Events ?? []).ToList();
        Assert.Equal(snapshot.Sequence + 1, events[0].Sequence);
        Assert.Equal(events.Select(change => change.Sequence).Order(), events.Select(change => change.Sequence));
    }

    /// <summary>What an element weighs against the board's limits, as the server splits a snapshot by it.</summary>
    private static long SizeOf(ElementRecord element) =>
        BoardSize.OfPoints(element.Points!.Length / 3).Bytes + BoardLimits.BoardSizeBytesPerElement;
}
