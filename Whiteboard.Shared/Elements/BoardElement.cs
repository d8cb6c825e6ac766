using Whiteboard.Shared.Ids;

namespace Whiteboard.Shared.Elements;

/// <summary>Something drawn on a board. Immutable: a change makes a new value.</summary>
public abstract record BoardElement(ElementId Id, ParticipantId Author);
