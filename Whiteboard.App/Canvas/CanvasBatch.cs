using Whiteboard.App.Boards;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Rendering;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Canvas;

/// <summary>
/// The C# side of the batched Canvas 2D interop: room updates are drawn here through the shared
/// renderer into one list of display-list entries, sent to the browser in a single interop call.
/// </summary>
public sealed class CanvasBatch : ICanvas2D
{
    private const float SetStrokeOp = 1, BeginPathOp = 2, MoveToOp = 3, LineToOp = 4, StrokeOp = 5;

    private readonly List<CanvasEntry> entries = [];
    private List<float> commands = [];
    private List<string> strings = [];

    public IReadOnlyList<CanvasEntry> Entries => entries;

    /// <summary>The participant count carried by the updates, when one of them said it.</summary>
    public int? ParticipantCount { get; private set; }

    public bool HasSnapshot { get; private set; }

    public static CanvasBatch From(IEnumerable<RoomUpdate> updates)
    {
        var batch = new CanvasBatch();
        foreach (var update in updates)
        {
            batch.Add(update);
        }

        return batch;
    }

    public void SetStroke(string color, float width)
    {
        var index = strings.IndexOf(color);
        if (index < 0)
        {
            index = strings.Count;
            strings.Add(color);
        }

        commands.AddRange([SetStrokeOp, index, width]);
    }

    public void BeginPath() => commands.Add(BeginPathOp);

    public void MoveTo(float x, float y) => commands.AddRange([MoveToOp, x, y]);

    public void LineTo(float x, float y) => commands.AddRange([LineToOp, x, y]);

    public void Stroke() => commands.Add(StrokeOp);

    private void Add(RoomUpdate update)
    {
        switch (update)
        {
            case SnapshotUpdate snapshot:
                HasSnapshot = true;
                ParticipantCount = snapshot.ParticipantCount;
                entries.Clear();
                Emit("reset", null);
                foreach (var element in snapshot.Snapshot.Elements)
                {
                    BoardRenderer.Draw(element, this);
                    Emit("add", element);
                    if (element is Stroke { IsFinished: true })
                    {
                        Emit("finish", element);
                    }
                }

                break;
            case EventsUpdate events:
                foreach (var boardEvent in events.Events)
                {
                    Add(boardEvent.Change);
                }

                break;
            case PresenceUpdate presence:
                ParticipantCount = presence.ParticipantCount;
                break;
        }
    }

    private void Add(BoardChange change)
    {
        switch (change)
        {
            case StrokeStarted started:
                BoardRenderer.Draw(started.Stroke, this);
                Emit("add", started.Stroke);
                break;
            case StrokeExtended extended:
                BoardRenderer.DrawStroke(extended.Stroke, extended.From, this);
                Emit("append", extended.Stroke);
                break;
            case StrokeFinished finished:
                Emit("finish", finished.Stroke);
                break;
        }
    }

    private void Emit(string op, BoardElement? element)
    {
        entries.Add(new CanvasEntry(op, element?.Id.Value, commands, strings));
        commands = [];
        strings = [];
    }
}
