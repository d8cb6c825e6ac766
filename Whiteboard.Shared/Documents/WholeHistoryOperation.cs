using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;

namespace Whiteboard.Shared.Documents;

/// <summary>One operation of a board's whole history: its place, its author (and as seated then, when known), when it was stored (when known).</summary>
public sealed record WholeHistoryOperation(long Sequence, ParticipantId Author, BoardOperation Operation, DateTimeOffset? At, string? Name, string? Color);
