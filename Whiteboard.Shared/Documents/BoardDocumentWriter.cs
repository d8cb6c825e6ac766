using System.Buffers;
using System.Text.Json;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.State;

namespace Whiteboard.Shared.Documents;

/// <summary>
/// Writes a board file (<see cref="BoardDocument"/>) to a stream an element at a time, the same JSON that
/// serializing the whole document gives: a large board's export never sits whole in memory, so ten people
/// downloading a board of millions of points at once cost ten small buffers, not ten copies of the file.
/// </summary>
public static class BoardDocumentWriter
{
    /// <summary>Bytes gathered before they are written out.</summary>
    private const int FlushAt = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Writes the board, and its <paramref name="history"/> when given; the bytes of each image its elements (and its
    /// history) show are asked of <paramref name="readImage"/> one at a time, after the chat (an image it does not have is
    /// left out, and the file then does not import).
    /// </summary>
    public static async Task WriteAsync(
        Stream output, string name, IReadOnlyList<BoardElement> elements, IEnumerable<ChatMessage> chat, CancellationToken cancellationToken,
        Func<string, CancellationToken, Task<ImageRecord?>>? readImage = null, WholeHistory? history = null)
    {
        // The serializer flushes its writer synchronously, which a response stream refuses: it writes into a
        // buffer here, and the buffer goes to the stream asynchronously.
        var pending = new ArrayBufferWriter<byte>(FlushAt * 2);
        await using var writer = new Utf8JsonWriter(pending);
        writer.WriteStartObject();
        writer.WriteString(Json.PropertyNamingPolicy!.ConvertName(nameof(BoardDocument.Format)), BoardDocument.FormatName);
        writer.WriteNumber(Json.PropertyNamingPolicy.ConvertName(nameof(BoardDocument.Version)), BoardDocument.VersionFor(elements, withHistory: history is not null));
        writer.WriteString(Json.PropertyNamingPolicy.ConvertName(nameof(BoardDocument.Name)), name);
        writer.WriteStartArray(Json.PropertyNamingPolicy.ConvertName(nameof(BoardDocument.Elements)));
        foreach (var element in elements)
        {
            JsonSerializer.Serialize(writer, ElementRecord.Of(element, withAuthor: false), Json);
            if (pending.WrittenCount >= FlushAt)
            {
                await WriteOutAsync(pending, output, cancellationToken);
            }
        }

        writer.WriteEndArray();
        writer.WriteStartArray(Json.PropertyNamingPolicy.ConvertName(nameof(BoardDocument.Chat)));
        foreach (var message in chat)
        {
            JsonSerializer.Serialize(writer, ChatRecord.Of(message), Json);
        }

        writer.WriteEndArray();
        if (history is not null)
        {
            await WriteHistoryAsync(writer, pending, output, history, cancellationToken);
        }

        var hashes = elements.OfType<Image>().Select(image => image.Hash).Concat(history?.Images() ?? []).Distinct().ToList();
        if (hashes.Count > 0)
        {
            writer.WriteStartArray(Json.PropertyNamingPolicy.ConvertName(nameof(BoardDocument.Images)));
            foreach (var hash in hashes)
            {
                if (readImage is not null && await readImage(hash, cancellationToken) is { } image)
                {
                    JsonSerializer.Serialize(writer, image, Json);
                    await WriteOutAsync(pending, output, cancellationToken);
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.Flush();
        await WriteOutAsync(pending, output, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>The history as a <see cref="HistoryDocument"/>, an operation at a time.</summary>
    private static async Task WriteHistoryAsync(
        Utf8JsonWriter writer, ArrayBufferWriter<byte> pending, Stream output, WholeHistory history, CancellationToken cancellationToken)
    {
        string Named(string property) => Json.PropertyNamingPolicy!.ConvertName(property);
        writer.WriteStartObject(Named(nameof(BoardDocument.History)));
        writer.WriteNumber(Named(nameof(HistoryDocument.First)), history.First);
        if (history.Checkpoint is not null)
        {
            writer.WritePropertyName(Named(nameof(HistoryDocument.Checkpoint)));
            JsonSerializer.Serialize(writer, history.Checkpoint, Json);
        }

        writer.WriteStartArray(Named(nameof(HistoryDocument.Operations)));
        foreach (var operation in history.Operations)
        {
            JsonSerializer.Serialize(writer, new HistoryEntry(operation.Sequence, operation.At, operation.Author.Value, operation.Name, operation.Color,
                BoardMessage.Of(operation.Operation)), Json);
            if (pending.WrittenCount >= FlushAt)
            {
                await WriteOutAsync(pending, output, cancellationToken);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static async Task WriteOutAsync(ArrayBufferWriter<byte> pending, Stream output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(pending.WrittenMemory, cancellationToken);
        pending.ResetWrittenCount();
    }
}
