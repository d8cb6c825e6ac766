using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Whiteboard.App.Storage;

/// <summary>
/// Stored snapshots keep number lists (a stroke's points) as base64 of 32-bit floats, in the
/// machine's order (little-endian on x64 and arm64, where the app ships): a million points as JSON
/// numbers are about 24 MB that take half a second to parse, as base64 16 MB that decode at memory
/// speed. Snapshots written before, with JSON number lists, still read.
/// </summary>
public sealed class FloatsAsBase64Converter : JsonConverter<float[]>
{
    public override float[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartArray:
                return ReadNumbers(ref reader);
            case JsonTokenType.String:
                var bytes = reader.GetBytesFromBase64();
                if (bytes.Length % sizeof(float) != 0)
                {
                    throw new JsonException($"A number list of {bytes.Length} bytes is not a whole number of 32-bit floats.");
                }

                return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
            default:
                throw new JsonException($"A number list must be a list or base64, not {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, float[] value, JsonSerializerOptions options) =>
        writer.WriteBase64StringValue(MemoryMarshal.AsBytes(value.AsSpan()));

    private static float[] ReadNumbers(ref Utf8JsonReader reader)
    {
        var numbers = new List<float>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            numbers.Add(reader.TokenType == JsonTokenType.Number
                ? reader.GetSingle()
                : throw new JsonException($"A number list holds a {reader.TokenType}."));
        }

        return [.. numbers];
    }
}
