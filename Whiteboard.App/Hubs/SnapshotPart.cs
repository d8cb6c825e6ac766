using System.Text.Json;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Hubs;

/// <summary>
/// Elements <paramref name="Start"/> to <paramref name="Start"/> + <paramref name="Count"/> of a snapshot: what one hub
/// message carries of it. A full board's elements are 24 MB of JSON or more; made whole for each connection it went to,
/// SignalR held a copy per message until sent, and the server's resident memory stayed up after (issue 21). In parts,
/// each written straight into its message, a connection holds one part at a time.
/// </summary>
public sealed record SnapshotPart(BoardSnapshot Snapshot, int Start, int Count)
{
    /// <summary>
    /// The content one part holds at most (as <see cref="BoardSize"/> counts it), unless one element alone weighs more:
    /// 512 KB, about 1 MB of JSON (a point, 12 bytes here, is 12 to 30 written out).
    /// </summary>
    public const long MaxBytes = 512 * 1024;

    /// <summary>The snapshot's parts, in order, each as large as <see cref="MaxBytes"/> lets it be; one (maybe of no elements) at least.</summary>
    public static IReadOnlyList<SnapshotPart> Of(BoardSnapshot snapshot)
    {
        var parts = new List<SnapshotPart>();
        var (start, bytes) = (0, 0L);
        for (var i = 0; i < snapshot.Elements.Count; i++)
        {
            var size = BoardSize.Of(snapshot.Elements[i]).Bytes;
            if (i > start && bytes + size > MaxBytes)
            {
                parts.Add(new SnapshotPart(snapshot, start, i - start));
                (start, bytes) = (i, 0);
            }

            bytes += size;
        }

        parts.Add(new SnapshotPart(snapshot, start, snapshot.Elements.Count - start));
        return parts;
    }

    /// <summary>Writes the part's elements as a JSON array, one element at a time.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        for (var i = Start; i < Start + Count; i++)
        {
            JsonSerializer.Serialize(writer, ElementRecord.Of(Snapshot.Elements[i], withAuthor: false), HubUpdate.Json);
        }

        writer.WriteEndArray();
    }
}
