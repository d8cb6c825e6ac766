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
        id = Base64Url.IsToken(text, BoardLimits.MaxIdLength) ? new ElementId(text!) : default;
        return id.Value is not null;
    }

    /// <summary>
    /// The well-formed ids of a selection a page names (the ill-formed left out): none for none, or for more than one
    /// edit may name.
    /// </summary>
    public static IReadOnlyList<ElementId> OfSelection(string?[]? ids) =>
        ids is { Length: > 0 and <= BoardLimits.MaxElementsPerEdit }
            ? [.. ids.Select(id => TryParse(id, out var parsed) ? parsed : default).Where(id => id.Value is not null)]
            : [];

    public override string ToString() => Value;
}
