using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;

namespace Whiteboard.Shared.State;

/// <summary>
/// The board as one participant has been shown it, kept from the snapshot and events they
/// received, to answer what their pointer is on (select, erase) and where the content is (fit)
/// without asking the room. Thread-safe: filled by the update pump, read by the participant's input.
/// </summary>
public sealed class BoardMirror
{
    private readonly Lock gate = new();
    private readonly OrderedDictionary<ElementId, BoardElement> elements = [];

    public void Show(BoardSnapshot snapshot)
    {
        lock (gate)
        {
            elements.Clear();
            foreach (var element in snapshot.Elements)
            {
                elements[element.Id] = element;
            }
        }
    }

    public void Show(BoardChange change)
    {
        lock (gate)
        {
            switch (change)
            {
                case StrokeStarted started:
                    elements[started.Stroke.Id] = started.Stroke;
                    break;
                case StrokeExtended extended:
                    elements[extended.Stroke.Id] = extended.Stroke;
                    break;
                case ElementFinished finished:
                    elements[finished.Element.Id] = finished.Element;
                    break;
                case ElementsDrawn drawn:
                    foreach (var element in drawn.Elements)
                    {
                        elements[element.Id] = element;
                    }

                    break;
                case ElementsErased erased:
                    foreach (var id in erased.Elements)
                    {
                        elements.Remove(id);
                    }

                    break;
                case ElementsRestacked restacked:
                    Restack(restacked);
                    break;
                case BoardRestored restored:
                    foreach (var id in restored.Erased)
                    {
                        elements.Remove(id);
                    }

                    foreach (var element in restored.Drawn)
                    {
                        elements[element.Id] = element;
                    }

                    break;
            }
        }
    }

    /// <summary>The topmost finished element under a click, if any.</summary>
    public BoardElement? ElementAt(BoardPoint point, float radius)
    {
        lock (gate)
        {
            for (var i = elements.Count - 1; i >= 0; i--)
            {
                var element = elements.GetAt(i).Value;
                if (element.IsFinished && HitTest.IsUnder(element, point, radius))
                {
                    return element;
                }
            }

            return null;
        }
    }

    /// <summary>The finished elements a path (an eraser's) passes within <paramref name="radius"/> of.</summary>
    public IReadOnlyList<ElementId> Touching(IReadOnlyList<BoardPoint> path, float radius)
    {
        lock (gate)
        {
            return elements.Values
                .Where(element => element.IsFinished && HitTest.Touches(element, path, radius))
                .Select(element => element.Id)
                .ToList();
        }
    }

    /// <summary>The finished elements lying wholly inside a box (a selection marquee).</summary>
    public IReadOnlyList<ElementId> Within(Bounds box)
    {
        lock (gate)
        {
            return elements.Values
                .Where(element => element.IsFinished && box.Contains(HitTest.BoundsOf(element)))
                .Select(element => element.Id)
                .ToList();
        }
    }

    /// <summary>
    /// Those of the named elements still shown (or all of them, when none are named) and the box
    /// around them; the box is null when there is nothing.
    /// </summary>
    public (IReadOnlyList<ElementId> Present, Bounds? Bounds) Measure(IEnumerable<ElementId>? ids = null)
    {
        lock (gate)
        {
            var present = new List<ElementId>();
            Bounds? union = null;
            foreach (var id in ids ?? elements.Keys)
            {
                if (elements.TryGetValue(id, out var element))
                {
                    present.Add(id);
                    var bounds = HitTest.BoundsOf(element);
                    union = union?.Union(bounds) ?? bounds;
                }
            }

            return (present, union);
        }
    }

    /// <summary>Those of the named elements still shown, in drawing order (a selection's style, what a copy takes).</summary>
    public IReadOnlyList<BoardElement> ElementsOf(IEnumerable<ElementId> ids)
    {
        var wanted = ids.ToHashSet();
        lock (gate)
        {
            return elements.Values.Where(element => wanted.Contains(element.Id)).ToList();
        }
    }

    private void Restack(ElementsRestacked restacked)
    {
        var order = StackOrder.Apply(elements.Keys, restacked.Places);
        var shown = order.Select(id => elements[id]).ToList();
        elements.Clear();
        foreach (var element in shown)
        {
            elements.Add(element.Id, element);
        }
    }
}
