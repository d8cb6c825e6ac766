using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.Ids;

/// <summary>
/// An element's identity, made by the client that creates it (so a retried creation is recognised),
/// and checked by the board: short and base64url only.
/// </summary>
public readonly record struct ElementId
{
    private ElementId(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out ElementId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text) || text.Length > BoardLimits.MaxElementIdLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!Base64Url.IsAlphabet(c))
            {
                return false;
            }
        }

        id = new ElementId(text);
        return true;
    }

    public override string ToString() => Value;
}
