namespace Whiteboard.Shared.Ids;

/// <summary>
/// The secret in a board's link: 128 random bits, base64url (22 characters). A board has an edit
/// key and a view key; the edit key can be replaced, which stops the old link from working.
/// </summary>
public readonly record struct BoardKey
{
    private BoardKey(string value) => Value = value;

    public string Value { get; }

    public static BoardKey New() => new(Base64Url.NewSecret());

    public static bool TryParse(string? text, out BoardKey key)
    {
        key = Base64Url.IsSecret(text) ? new BoardKey(text!) : default;
        return key.Value is not null;
    }

    public override string ToString() => Value;
}
