namespace Whiteboard.Shared.Validation;

/// <summary>What a person is called on a board: plain text of one line, shown as text and never as markup.</summary>
public static class DisplayName
{
    private static readonly string[] Adjectives =
    [
        "Bright", "Calm", "Clever", "Curious", "Eager", "Gentle", "Happy", "Kind", "Lively", "Lucky",
        "Merry", "Nimble", "Patient", "Quick", "Quiet", "Brave", "Sunny", "Swift", "Tidy", "Witty",
    ];

    private static readonly string[] Animals =
    [
        "Badger", "Beaver", "Crane", "Dolphin", "Falcon", "Fox", "Gecko", "Heron", "Koala", "Lynx",
        "Marten", "Otter", "Owl", "Panda", "Puffin", "Robin", "Seal", "Swan", "Tiger", "Wren",
    ];

    public static Validated<string> Parse(string? text) => OneLineText.Parse(text, "A name", BoardLimits.MaxDisplayNameLength);

    /// <summary>A friendly name for someone who has not chosen one yet, such as "Curious Otter".</summary>
    public static string Generate(Random random) =>
        $"{Adjectives[random.Next(Adjectives.Length)]} {Animals[random.Next(Animals.Length)]}";
}
