using Whiteboard.Shared.Geometry;
using Whiteboard.Shared.Ids;

namespace Whiteboard.Shared.Elements;

/// <summary>Something drawn on a board. Immutable: a change makes a new value.</summary>
public abstract record BoardElement(ElementId Id, ParticipantId Author)
{
    /// <summary>False while its author is still drawing it; only finished elements can be edited.</summary>
    public abstract bool IsFinished { get; }

    /// <summary>The same element, shifted by (<paramref name="dx"/>, <paramref name="dy"/>) board units.</summary>
    public abstract BoardElement MovedBy(float dx, float dy);

    /// <summary>
    /// The same element resized: what lay in the box <paramref name="from"/> (its bounds, <see cref="HitTest.BoundsOf"/>)
    /// lies in <paramref name="to"/>. Each element type says what scales (see <see cref="BoxScaling"/>); the board checks
    /// the result under the rules of drawing it.
    /// </summary>
    public abstract BoardElement ResizedTo(Bounds from, Bounds to);
}
