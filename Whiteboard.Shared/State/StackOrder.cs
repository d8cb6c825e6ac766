using Whiteboard.Shared.Ids;

namespace Whiteboard.Shared.State;

/// <summary>An element's new place in the drawing order: directly over <paramref name="Above"/>, or at the bottom when null.</summary>
public sealed record StackPlace(ElementId Element, ElementId? Above);

/// <summary>
/// Changes of the drawing order said as places (<see cref="StackPlace"/>): as few as the elements that moved, whatever
/// the board's size, and applied in one pass by every copy of the board (the page's display list does the same).
/// </summary>
public static class StackOrder
{
    /// <summary>
    /// The places that take the order before a restack to <paramref name="order"/>, where only <paramref name="moved"/>
    /// changed places: each moved element over the one below it now, lowest first, so that each is over one already placed.
    /// </summary>
    public static List<StackPlace> PlacesOf(IReadOnlyList<ElementId> order, IReadOnlySet<ElementId> moved)
    {
        var places = new List<StackPlace>(moved.Count);
        for (var i = 0; i < order.Count; i++)
        {
            if (moved.Contains(order[i]))
            {
                places.Add(new StackPlace(order[i], i == 0 ? null : order[i - 1]));
            }
        }

        return places;
    }

    /// <summary>The order with the places applied one after another; a place naming an element not in it is passed over.</summary>
    public static List<ElementId> Apply(IEnumerable<ElementId> order, IReadOnlyList<StackPlace> places)
    {
        // A doubly linked list over the ids, so that each place is an unlink and a link, not a shift of the whole list.
        var below = new Dictionary<ElementId, ElementId?>();
        var above = new Dictionary<ElementId, ElementId?>();
        ElementId? bottom = null, previous = null;
        foreach (var id in order)
        {
            below[id] = previous;
            above[id] = null;
            SetAbove(previous, id);
            previous = id;
        }

        foreach (var place in places)
        {
            var element = place.Element;
            if (below.ContainsKey(element) && (place.Above is not { } anchor || (anchor != element && below.ContainsKey(anchor))))
            {
                Unlink(element);
                LinkOver(element, place.Above);
            }
        }

        var result = new List<ElementId>(below.Count);
        for (var id = bottom; id is { } current; id = above[current])
        {
            result.Add(current);
        }

        return result;

        void Unlink(ElementId element)
        {
            var (under, over) = (below[element], above[element]);
            SetAbove(under, over);
            if (over is { } next)
            {
                below[next] = under;
            }
        }

        void LinkOver(ElementId element, ElementId? under)
        {
            var over = under is { } anchor ? above[anchor] : bottom;
            below[element] = under;
            above[element] = over;
            SetAbove(under, element);
            if (over is { } next)
            {
                below[next] = element;
            }
        }

        // What lies directly over `under`; with no `under`, what is at the bottom.
        void SetAbove(ElementId? under, ElementId? over)
        {
            if (under is { } anchor)
            {
                above[anchor] = over;
            }
            else
            {
                bottom = over;
            }
        }
    }
}
