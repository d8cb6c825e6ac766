using System.Text.Json;

namespace Whiteboard.App.Storage;

/// <summary>How the SQLite store keeps operations (as the JSON messages a client sends) and snapshots.</summary>
internal static class StoredJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new FloatsAsBase64Converter() } };

    /// <summary>The value in <paramref name="json"/>; one that does not read says <paramref name="whenDamaged"/>.</summary>
    public static T Deserialize<T>(byte[] json, string whenDamaged)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException(whenDamaged);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException(whenDamaged, exception);
        }
    }
}
