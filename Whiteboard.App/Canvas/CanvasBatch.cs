using Whiteboard.App.Boards;
using Whiteboard.Shared.Rendering;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Canvas;

/// <summary>
/// The C# side of the batched Canvas 2D interop: room updates are drawn here through the shared
/// renderer into one list of display-list entries (<see cref="DisplayListWriter"/>), sent to the browser
/// in a single interop call, with who is on the board and where their pointers are. The entries
/// themselves go as two strings (<see cref="Layout"/>).
/// </summary>
public sealed class CanvasBatch
{
    private readonly Dictionary<int, SeatPointer> pointers = [];
    private readonly DisplayListWriter written = new();
    private SnapshotDrawing? onlySnapshot; // what this batch is so far, shared and not yet copied (see StartFrom)

    public IReadOnlyList<CanvasEntry> Entries => onlySnapshot?.Entries ?? written.Entries;

    /// <summary>The colors and texts the commands of every entry refer to by index.</summary>
    public IReadOnlyList<string> Strings => onlySnapshot?.Layout.Strings ?? written.Strings;

    /// <summary>Who is on the board, when one of the updates said: everyone with a snapshot, and what changed after.</summary>
    public CanvasPeople? People { get; private set; }

    /// <summary>Where the pointers that moved are now: the latest position of each.</summary>
    public IReadOnlyList<SeatPointer> Pointers => [.. pointers.Values];

    public static CanvasBatch From(IEnumerable<RoomUpdate> updates)
    {
        var batch = new CanvasBatch();
        foreach (var update in updates)
        {
            batch.Add(update);
        }

        return batch;
    }

    /// <summary>
    /// What the browser draws the entries with: how many numbers each entry's commands are, as 32-bit integers,
    /// then the commands of every entry, as 32-bit floats (little-endian, what JavaScript's typed arrays read).
    /// </summary>
    /// <remarks>A batch that is only a snapshot shares its bytes with everyone who joined at that point: never change them.</remarks>
    public byte[] Bytes() => onlySnapshot?.Bytes ?? written.Bytes();

    /// <summary>The entries as <c>wwwroot/board/receiver.js</c> reads them, beside <see cref="Bytes"/>.</summary>
    public CanvasLayout Layout() => onlySnapshot?.Layout ?? written.Layout();

    /// <summary>The commands of one entry of this batch.</summary>
    public ReadOnlySpan<float> CommandsOf(CanvasEntry entry) =>
        (onlySnapshot is null ? written.Numbers : onlySnapshot.Numbers).Slice(entry.Start, entry.Count);

    private void Add(RoomUpdate update)
    {
        switch (update)
        {
            case SnapshotUpdate snapshot:
                People = new CanvasPeople(snapshot.People, []);
                pointers.Clear();
                Move(snapshot.Pointers);
                StartFrom(SnapshotDrawing.Of(snapshot.Snapshot));
                break;
            case EventsUpdate events:
                foreach (var boardEvent in events.Events)
                {
                    Add(boardEvent.Change);
                }

                break;
            case PeopleChangedUpdate changed:
                People = new CanvasPeople(People?.Everyone, [.. People?.Changes ?? [], .. changed.Changes]);
                break;
            case PointersUpdate moved:
                Move(moved.Pointers);
                break;
        }
    }

    /// <summary>This batch is a drawn snapshot from here on: shared as it is, copied only if the batch adds to it.</summary>
    private void StartFrom(SnapshotDrawing drawing)
    {
        written.Clear();
        onlySnapshot = drawing;
    }

    /// <summary>What to add to: the batch's own entries, with its own copy of a shared snapshot it started from.</summary>
    private DisplayListWriter Writer()
    {
        if (onlySnapshot is { } drawing)
        {
            onlySnapshot = null;
            written.Append(drawing);
        }

        return written;
    }

    private void Move(IEnumerable<SeatPointer> moved)
    {
        foreach (var pointer in moved)
        {
            pointers[pointer.Seat] = pointer;
        }
    }

    private void Add(BoardChange change)
    {
        switch (change)
        {
            case StrokeStarted started:
                Writer().Put(started.Stroke);
                break;
            case StrokeExtended extended:
                BoardRenderer.DrawStroke(extended.Stroke, extended.From, Writer());
                written.Emit("append", extended.Stroke.Id);
                break;
            case ElementFinished finished:
                Writer().Emit("done", finished.Element.Id);
                break;
            case ElementsDrawn drawn:
                foreach (var element in drawn.Elements)
                {
                    Writer().Put(element);
                }

                break;
            case ElementsErased erased:
                foreach (var id in erased.Elements)
                {
                    Writer().Emit("remove", id);
                }

                break;
            case ElementsRestacked restacked:
                foreach (var place in restacked.Places)
                {
                    Writer().Restack(place);
                }

                break;
            case BoardRestored restored:
                foreach (var id in restored.Erased)
                {
                    Writer().Emit("remove", id);
                }

                foreach (var element in restored.Drawn)
                {
                    Writer().Put(element);
                }

                break;
        }
    }
}
