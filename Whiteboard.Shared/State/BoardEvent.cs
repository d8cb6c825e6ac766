namespace Whiteboard.Shared.State;

/// <summary>A change with its place in the board's one total order.</summary>
public sealed record BoardEvent(long Sequence, BoardChange Change);
