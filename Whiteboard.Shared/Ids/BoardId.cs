namespace Whiteboard.Shared.Ids;

/// <summary>
/// A board's identity inside the server: 128 random bits, base64url (22 characters). People reach
/// a board through its <see cref="BoardKey"/>s, never through this.
/// </summary>
public readonly record struct BoardId
{
    private BoardId(string value) => Value = value;

    public string Value { get; }

    public static BoardId New() => new(Base64Url.NewSecret());

    public static bool TryParse(string? text, out BoardId id)
    {
        id = Base64Url.IsSecret(text) ? new BoardId(text!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
