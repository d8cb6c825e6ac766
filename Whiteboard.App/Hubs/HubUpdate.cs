using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Whiteboard.App.Boards;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Hubs;

/// <summary>
/// A room update as a hub client receives it (JSON). <paramref name="Kind"/> is "snapshot" (the whole
/// board: <paramref name="Elements"/>, <paramref name="People"/>, <paramref name="Pointers"/>,
/// <paramref name="YourSeat"/>, <paramref name="Info"/>), "events" (<paramref name="Events"/>, in
/// sequence order), "presence" (<paramref name="Changes"/>: who came, changed or left, one change per seat),
/// "pointers" or "info".
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
    IReadOnlyList<SeatChange>? Changes = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    // An update shared by every receiver (a turn's events, its presence changes) is serialized once for all of them.
    private static readonly ConditionalWeakTable<RoomUpdate, HubPayload> Shared = [];

    // So are a snapshot's elements, the bulk of it: the room hands out one snapshot per sequence and keeps it until
    // the board changes, but these bytes (tens of MB for a full board) are held only while a send holds them; a reader
    // after that makes them again.
    private static readonly ConditionalWeakTable<BoardSnapshot, SharedElements> SnapshotElements = [];

    /// <summary>Each update as JSON, ready to send.</summary>
    public static IReadOnlyList<HubPayload> Serialize(IReadOnlyList<RoomUpdate> updates) =>
        [.. updates.Select(update => update switch
        {
            EventsUpdate or PeopleChangedUpdate => Shared.GetValue(update, shared => Serialize(Of(shared))),
            SnapshotUpdate snapshot => new HubPayload(
                JsonSerializer.SerializeToUtf8Bytes(OwnPartOf(snapshot), Json),
                SnapshotElements.GetValue(snapshot.Snapshot, _ => new SharedElements()).Of(snapshot.Snapshot)),
            _ => Serialize(Of(update)),
        })];

    /// <summary>An update other than a snapshot (whose elements are serialized apart, once) as the hub sends it.</summary>
    private static HubUpdate Of(RoomUpdate update) => update switch
    {
        EventsUpdate events => new("events", Events: [.. events.Events.Select(HubEvent.Of)]),
        PeopleChangedUpdate changed => new("presence", Changes: changed.Changes),
        PointersUpdate pointers => new("pointers", Pointers: pointers.Pointers),
        InfoUpdate info => new("info", Info: HubBoardInfo.Of(info.Info)),
        _ => throw new ArgumentException($"No hub update stands for {update.GetType().Name}.", nameof(update)),
    };

    private static HubPayload Serialize(HubUpdate update) => new(JsonSerializer.SerializeToUtf8Bytes(update, Json));

    /// <summary>A snapshot without its elements: who is here, and the receiver's own seat and access.</summary>
    private static HubUpdate OwnPartOf(SnapshotUpdate snapshot) => new("snapshot", snapshot.Snapshot.Sequence,
        People: snapshot.People, Pointers: snapshot.Pointers, YourSeat: snapshot.YourSeat, Info: HubBoardInfo.Of(snapshot.Info));

    /// <summary>A snapshot's elements as JSON, made once for the readers asking at the same time, and let go once none holds them.</summary>
    private sealed class SharedElements
    {
        private readonly Lock gate = new();
        private readonly WeakReference<byte[]?> made = new(null);

        public byte[] Of(BoardSnapshot snapshot)
        {
            lock (gate)
            {
                if (made.TryGetTarget(out var bytes) && bytes is not null)
                {
                    return bytes;
                }

                bytes = JsonSerializer.SerializeToUtf8Bytes(snapshot.Elements.Select(element => ElementRecord.Of(element, withAuthor: false)), Json);
                made.SetTarget(bytes);
                return bytes;
            }
        }
    }
}

/// <summary>
/// One event: "started" (a stroke, <paramref name="Element"/>), "extended" (<paramref name="Points"/>
/// added to stroke <paramref name="Id"/> from index <paramref name="From"/>), "finished"
/// (<paramref name="Id"/>), "drawn" (<paramref name="Elements"/>, each replacing the one with its id)
/// or "erased" (<paramref name="Ids"/>).
/// </summary>
public sealed record HubEvent(
    long Sequence,
    string Change,
    string? Id = null,
    ElementRecord? Element = null,
    int? From = null,
    float[]? Points = null,
    IReadOnlyList<ElementRecord>? Elements = null,
    IReadOnlyList<string>? Ids = null)
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
        _ => throw new ArgumentException($"No hub event stands for {boardEvent.Change.GetType().Name}.", nameof(boardEvent)),
    };
}

/// <summary>The board as this hub client may know it: its name, "edit" or "view" (or "none"), and the links' keys it may hand out.</summary>
public sealed record HubBoardInfo(string Name, string Access, string? EditKey, string ViewKey)
{
    public static HubBoardInfo Of(BoardInfo info) =>
        new(info.Name, info.Access.ToString().ToLowerInvariant(), info.EditKey?.Value, info.ViewKey.Value);
}

/// <summary>
/// Update JSON made once and written as it is into every receiver's message; a snapshot's is the receiver's
/// own part (<see cref="Json"/>) with the elements shared by every receiver of that snapshot (<see cref="Elements"/>).
/// </summary>
[JsonConverter(typeof(HubPayloadConverter))]
public sealed class HubPayload(byte[] json, byte[]? elements = null)
{
    /// <summary>The property of <see cref="Json"/>'s object that <see cref="Elements"/> are written as.</summary>
    public const string ElementsProperty = "elements";

    public byte[] Json { get; } = json;

    /// <summary>A snapshot's elements as a JSON array, one instance shared by every receiver of the snapshot.</summary>
    public byte[]? Elements { get; } = elements;
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
        writer.WriteRawValue(value.Elements, skipInputValidation: true);
        writer.WriteEndObject();
    }
}
