using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;

namespace Whiteboard.App.Storage;

/// <summary>An accepted operation with its author and its place in the board's order.</summary>
public sealed record StoredOperation(long Sequence, ParticipantId Author, BoardOperation Operation);
