using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;

namespace Whiteboard.App.Storage;

/// <summary>
/// An accepted operation with its author and its place in the board's order; <paramref name="Seated"/> is its author as
/// seated when they made it, for the board's history (null when made for them, such as ink finished after they left).
/// </summary>
public sealed record StoredOperation(long Sequence, ParticipantId Author, BoardOperation Operation, SeatedAuthor? Seated = null);
