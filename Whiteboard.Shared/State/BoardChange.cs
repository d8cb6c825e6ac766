using Whiteboard.Shared.Elements;

namespace Whiteboard.Shared.State;

/// <summary>What an applied operation changed. Carries the element as it is after the change.</summary>
public abstract record BoardChange(BoardElement Element);

public sealed record StrokeStarted(Stroke Stroke) : BoardChange(Stroke);

/// <summary>Points were added to a stroke; the new ones start at <paramref name="From"/>.</summary>
public sealed record StrokeExtended(Stroke Stroke, int From) : BoardChange(Stroke);

public sealed record StrokeFinished(Stroke Stroke) : BoardChange(Stroke);
