using System.Text.Json;
using System.Text.Json.Serialization;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Boards;

/// <summary>
/// One request of a relay to its board's writer. Requests travel between instances as JSON (<see cref="RelayJson"/>):
/// operations as the messages the store keeps, so what crosses the cluster is what the store has already proven to
/// read back the same.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(JoinRequest), "join")]
[JsonDerivedType(typeof(LeaveRequest), "leave")]
[JsonDerivedType(typeof(SubmitRequest), "submit")]
[JsonDerivedType(typeof(RenameParticipantRequest), "rename-participant")]
[JsonDerivedType(typeof(RenameBoardRequest), "rename-board")]
[JsonDerivedType(typeof(ReplaceEditKeyRequest), "replace-edit-key")]
[JsonDerivedType(typeof(SetConnectedRequest), "set-connected")]
[JsonDerivedType(typeof(MovePointerRequest), "move-pointer")]
public abstract record RelayRequest;

/// <summary>Seats a participant who came in by <paramref name="Key"/>; <paramref name="PreviousSeat"/> is the seat to keep after the writer restarted (0: a new one).</summary>
public sealed record JoinRequest(string Participant, string Key, string Name, bool Connected, int PreviousSeat) : RelayRequest;

public sealed record LeaveRequest(int Seat) : RelayRequest;

public sealed record SubmitRequest(int Seat, IReadOnlyList<BoardMessage> Operations) : RelayRequest;

public sealed record RenameParticipantRequest(int Seat, string Name) : RelayRequest;

public sealed record RenameBoardRequest(int Seat, string Name) : RelayRequest;

public sealed record ReplaceEditKeyRequest(int Seat, string Key) : RelayRequest;

public sealed record SetConnectedRequest(int Seat, bool Connected) : RelayRequest;

public sealed record MovePointerRequest(int Seat, Pointer Pointer) : RelayRequest;

/// <summary>
/// The writer's answer to one request: a rejection, or for a join the seat and color given (seat 0: the key opens
/// nothing). A relay hands answers on only once its feed has reached <see cref="RelayAnswers.Cursor"/>, so whoever
/// is told "done" sees the change on their board too.
/// </summary>
public sealed record RelayAnswer(string? Rejection = null, int Seat = 0);

/// <summary>The answers to one call, in the order of its requests, and the point of the feed that shows them all.</summary>
public sealed record RelayAnswers(IReadOnlyList<RelayAnswer> Answers, RelayCursor Cursor);

/// <summary>
/// How far a relay has followed its writer: the writer's activation (<paramref name="Epoch"/>; another one means it
/// restarted), the last operation, presence change, pointer move and record change it has.
/// </summary>
public sealed record RelayCursor(string? Epoch, long Sequence, long Presence, long Pointers, long Record)
{
    public static readonly RelayCursor Start = new(null, -1, -1, -1, -1);

    /// <summary>Whether a relay at this point has seen everything up to <paramref name="other"/> of the same writer.</summary>
    public bool HasReached(RelayCursor other) =>
        Epoch == other.Epoch && Sequence >= other.Sequence && Presence >= other.Presence && Pointers >= other.Pointers && Record >= other.Record;
}

/// <summary>
/// What a relay has not seen yet: the operations after its cursor, or the whole board (<paramref name="Snapshot"/>)
/// when it is too far behind or new; the people (<paramref name="People"/> whole, or <paramref name="Changes"/>);
/// the pointers that moved; the record when it changed. <paramref name="Cursor"/> is where it leaves the relay.
/// </summary>
public sealed record RelayFeed(
    RelayCursor Cursor,
    StoredBoardRecord? Record,
    BoardStateRecord? Snapshot,
    IReadOnlyList<FeedOperation> Operations,
    IReadOnlyList<Seat>? People,
    IReadOnlyList<SeatChange> Changes,
    IReadOnlyList<SeatPointer> Pointers)
{
    public bool IsEmpty => Record is null && Snapshot is null && Operations.Count == 0 && People is null && Changes.Count == 0 && Pointers.Count == 0;
}

/// <summary>An operation the writer stored, as the store keeps it.</summary>
public sealed record FeedOperation(long Sequence, string Author, BoardMessage Message)
{
    public static FeedOperation Of(StoredOperation operation) => new(operation.Sequence, operation.Author.Value, BoardMessage.Of(operation.Operation));
}

/// <summary>A board's record as it travels (ids and keys as their text).</summary>
public sealed record StoredBoardRecord(string Id, string Name, string EditKey, string ViewKey, DateTimeOffset Changed)
{
    public static StoredBoardRecord Of(BoardRecord record) =>
        new(record.Id.Value, record.Name, record.EditKey.Value, record.ViewKey.Value, record.Changed);

    public BoardRecord ToRecord() =>
        BoardId.TryParse(Id, out var id) && BoardKey.TryParse(EditKey, out var edit) && BoardKey.TryParse(ViewKey, out var view)
            ? new BoardRecord(id, Name, edit, view, Changed)
            : throw new InvalidDataException($"The writer of board {Id} sent a record whose id or keys are not valid.");
}

/// <summary>How relays and writers encode what they send each other: the store's JSON.</summary>
public static class RelayJson
{
    public static byte[] Encode<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, StoredJson.Options);

    public static T Decode<T>(byte[] json) => StoredJson.Deserialize<T>(json, "A message between a board's relay and its writer is damaged.");
}
