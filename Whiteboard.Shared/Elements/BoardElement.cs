using Whiteboard.Shared.Ids;

namespace Whiteboard.Shared.Elements;

/// <summary>Something drawn on a board. Immutable: a change makes a new value.</summary>
public abstract record BoardElement(ElementId Id, ParticipantId Author)
{
    /// <summary>False while its author is still drawing it; only finished elements can be edited.</summary>
    public abstract bool IsFinished { get; }

    /// <summary>The same element, shifted by (<paramref name="dx"/>, <paramref name="dy"/>) board units.</summary>
    public abstract BoardElement MovedBy(float dx, float dy);
}
