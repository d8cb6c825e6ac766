using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Whiteboard.App.Boards;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Hubs;

/// <summary>
/// A room update as a hub client receives it (JSON). <paramref name="Kind"/> is "snapshot" (the whole
/// board: <paramref name="ElementCount"/> elements, the first of them in <paramref name="Elements"/>,
/// <paramref name="People"/>, <paramref name="Pointers"/>, <paramref name="YourSeat"/>, <paramref name="Info"/>, and the
/// chat's latest messages in <paramref name="Chat"/>),
/// "snapshot-part" (more of that snapshot's <paramref name="Elements"/>, until it holds them all), "events"
/// (<paramref name="Events"/>, in sequence order), "presence" (<paramref name="Changes"/>: who came, changed or left,
/// one change per seat), "pointers" or "info".
/// </summary>
public sealed record HubUpdate(
    string Kind,
    long? Sequence = null,
    IReadOnlyList<ElementRecord>? Elements = null,
    IReadOnlyList<HubEvent>? Events = null,
    IReadOnlyList<Seat>? People = null,
    IReadOnlyList<SeatPointer>? Pointers = null,
    int? YourSeat = null,
    HubBoardInfo? Info = null,
    IReadOnlyList<SeatChange>? Changes = null,
    int? ElementCount = null,
    IReadOnlyList<ChatMessage>? Chat = null)
{
    /// <summary>How updates and their elements are written: web names, nothing written for what is missing.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    // An update shared by every receiver (a turn's events, its presence changes) is serialized once for all of them.
    private static readonly ConditionalWeakTable<RoomUpdate, HubPayload> Shared = [];

    /// <summary>
    /// A batch as the messages the hub sends, in order: the updates up to a snapshot, which carries the first part of
    /// its elements; a "snapshot-part" message for each further part; the rest of the batch with the last part. Each
    /// part's elements are written into its message only as that is sent (<see cref="SnapshotPart"/>), so a connection
    /// holds one part of a large board at a time, never the whole board's JSON.
    /// </summary>
    public static IEnumerable<IReadOnlyList<HubPayload>> MessagesOf(IReadOnlyList<RoomUpdate> batch)
    {
        var message = new List<HubPayload>();
        foreach (var update in batch)
        {
            if (update is not SnapshotUpdate snapshot)
            {
                message.Add(PayloadOf(update));
                continue;
            }

            var parts = SnapshotPart.Of(snapshot.Snapshot);
            message.Add(new HubPayload(JsonSerializer.SerializeToUtf8Bytes(OwnPartOf(snapshot), Json), parts[0]));
            foreach (var part in parts.Skip(1))
            {
                yield return message;
                message = [new HubPayload(JsonSerializer.SerializeToUtf8Bytes(new HubUpdate("snapshot-part", snapshot.Snapshot.Sequence), Json), part)];
            }
        }

        if (message.Count > 0)
        {
            yield return message;
        }
    }

    private static HubPayload PayloadOf(RoomUpdate update) => update switch
    {
        EventsUpdate or PeopleChangedUpdate => Shared.GetValue(update, shared => Serialize(Of(shared))),
        _ => Serialize(Of(update)),
    };

    /// <summary>An update other than a snapshot (whose elements are written apart, in parts) as the hub sends it.</summary>
    private static HubUpdate Of(RoomUpdate update) => update switch
    {
        EventsUpdate events => new("events", Events: [.. events.Events.Select(HubEvent.Of)]),
        PeopleChangedUpdate changed => new("presence", Changes: changed.Changes),
        PointersUpdate pointers => new("pointers", Pointers: pointers.Pointers),
        InfoUpdate info => new("info", Info: HubBoardInfo.Of(info.Info)),
        _ => throw new ArgumentException($"No hub update stands for {update.GetType().Name}.", nameof(update)),
    };

    private static HubPayload Serialize(HubUpdate update) => new(JsonSerializer.SerializeToUtf8Bytes(update, Json));

    /// <summary>A snapshot without its elements: how many it has, who is here, and the receiver's own seat and access.</summary>
    private static HubUpdate OwnPartOf(SnapshotUpdate snapshot) => new("snapshot", snapshot.Snapshot.Sequence,
        People: snapshot.People, Pointers: snapshot.Pointers, YourSeat: snapshot.YourSeat, Info: HubBoardInfo.Of(snapshot.Info),
        ElementCount: snapshot.Snapshot.Elements.Count, Chat: snapshot.Snapshot.Chat);
}

/// <summary>
/// One event: "started" (a stroke, <paramref name="Element"/>), "extended" (<paramref name="Points"/>
/// added to stroke <paramref name="Id"/> from index <paramref name="From"/>), "finished"
/// (<paramref name="Id"/>), "drawn" (<paramref name="Elements"/>, each replacing the one with its id),
/// "erased" (<paramref name="Ids"/>), "chat" (a chat <paramref name="Message"/>), "restacked" (<paramref name="Places"/>: each
/// element in turn goes directly over the one named, or to the bottom when none is) or "restored" (a moment of the board's
/// history restored, or such a restore undone: <paramref name="Ids"/> erased, then <paramref name="Elements"/> drawn on top, in order).
/// </summary>
public sealed record HubEvent(
    long Sequence,
    string Change,
    string? Id = null,
    ElementRecord? Element = null,
    int? From = null,
    float[]? Points = null,
    IReadOnlyList<ElementRecord>? Elements = null,
    IReadOnlyList<string>? Ids = null,
    ChatMessage? Message = null,
    IReadOnlyList<HubStackPlace>? Places = null)
{
    public static HubEvent Of(BoardEvent boardEvent) => boardEvent.Change switch
    {
        StrokeStarted started => new(boardEvent.Sequence, "started", started.Stroke.Id.Value, ElementRecord.Of(started.Stroke, withAuthor: false)),
        StrokeExtended extended => new(boardEvent.Sequence, "extended", extended.Stroke.Id.Value, From: extended.From,
            Points: ElementRecord.Flatten(extended.Stroke.Points.Span[extended.From..])),
        ElementFinished finished => new(boardEvent.Sequence, "finished", finished.Element.Id.Value),
        ElementsDrawn drawn => new(boardEvent.Sequence, "drawn",
            Elements: [.. drawn.Elements.Select(element => ElementRecord.Of(element, withAuthor: false))]),
        ElementsErased erased => new(boardEvent.Sequence, "erased", Ids: [.. erased.Elements.Select(id => id.Value)]),
        ChatPosted posted => new(boardEvent.Sequence, "chat", Message: posted.Message),
        ElementsRestacked restacked => new(boardEvent.Sequence, "restacked",
            Places: [.. restacked.Places.Select(place => new HubStackPlace(place.Element.Value, place.Above?.Value))]),
        BoardRestored restored => new(boardEvent.Sequence, "restored", Ids: [.. restored.Erased.Select(id => id.Value)],
            Elements: [.. restored.Drawn.Select(element => ElementRecord.Of(element, withAuthor: false))]),
        _ => throw new ArgumentException($"No hub event stands for {boardEvent.Change.GetType().Name}.", nameof(boardEvent)),
    };
}

/// <summary>An element's new place in the drawing order: directly over <paramref name="Above"/>, or at the bottom when it is null.</summary>
public sealed record HubStackPlace(string Id, string? Above);

/// <summary>The board as this hub client may know it: its name, "edit" or "view" (or "none"), and the links' keys it may hand out.</summary>
public sealed record HubBoardInfo(string Name, string Access, string? EditKey, string ViewKey)
{
    public static HubBoardInfo Of(BoardInfo info) =>
        new(info.Name, info.Access.ToString().ToLowerInvariant(), info.EditKey?.Value, info.ViewKey.Value);
}

/// <summary>
/// An update as JSON, ready to send; a snapshot's (or one of its parts') is its own JSON (<see cref="Json"/>) with
/// some of the snapshot's elements (<see cref="Elements"/>), written straight into the message as it is sent.
/// </summary>
[JsonConverter(typeof(HubPayloadConverter))]
public sealed class HubPayload(byte[] json, SnapshotPart? elements = null)
{
    /// <summary>The property of <see cref="Json"/>'s object that <see cref="Elements"/> are written as.</summary>
    public const string ElementsProperty = "elements";

    public byte[] Json { get; } = json;

    /// <summary>The snapshot's elements this message carries, if it is a snapshot's or one of its parts.</summary>
    public SnapshotPart? Elements { get; } = elements;
}

public sealed class HubPayloadConverter : JsonConverter<HubPayload>
{
    public override HubPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Updates are only sent.");

    public override void Write(Utf8JsonWriter writer, HubPayload value, JsonSerializerOptions options)
    {
        if (value.Elements is null)
        {
            writer.WriteRawValue(value.Json, skipInputValidation: true);
            return;
        }

        writer.WriteStartObject();
        using (var own = JsonDocument.Parse(value.Json))
        {
            foreach (var property in own.RootElement.EnumerateObject())
            {
                property.WriteTo(writer);
            }
        }

        writer.WritePropertyName(HubPayload.ElementsProperty);
        value.Elements.WriteTo(writer);
        writer.WriteEndObject();
    }
}
