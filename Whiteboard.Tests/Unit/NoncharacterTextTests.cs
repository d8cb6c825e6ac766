using System.Text;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// Text XML cannot carry (U+FFFE, U+FFFF, unpaired surrogates) and the other Unicode noncharacters are refused
/// wherever text comes in, as control characters are: once accepted, one of them would break every SVG export.
/// </summary>
public sealed class NoncharacterTextTests
{
    // Enumerated when run, not at discovery: a lone surrogate would not survive the runner's serialization.
    public static TheoryData<string> Forbidden => new()
    {
        "\uFFFE",
        "a\uFFFFb",
        "\uFDD0",
        "\uFDEF",
        "\uD83F\uDFFE", // U+1FFFE
        "\uDBFF\uDFFF", // U+10FFFF
        "lone \uD800 high",
        "lone \uDC00 low",
        "ends in \uD83D",
    };

    public static TheoryData<string> Allowed => new()
    {
        "\uFDCF\uFDF0\uFFFD",
        "\uD83D\uDE00 smile", // U+1F600, a surrogate pair
        "\uD83F\uDFFD", // U+1FFFD: not a noncharacter
        "Grüße 你好",
    };

    private static BoardMessage TextMessage(string text) => new("text", "t1", Points: [10, 10], Color: "#000000", Width: 4, Text: text);

    [Theory]
    [MemberData(nameof(Forbidden), DisableDiscoveryEnumeration = true)]
    public void Text_with_a_noncharacter_or_a_lone_surrogate_is_refused_with_the_reason(string text)
    {
        var parsed = MessageValidator.Parse([TextMessage(text)]);

        Assert.False(parsed.IsValid);
        Assert.Equal("Text may not contain Unicode noncharacters (such as U+FFFE) or unpaired surrogates.", parsed.Error);
    }

    [Theory]
    [MemberData(nameof(Allowed), DisableDiscoveryEnumeration = true)]
    public void Text_with_characters_next_to_the_forbidden_ones_is_kept(string text)
    {
        var parsed = MessageValidator.Parse([TextMessage(text)]);

        Assert.True(parsed.IsValid, parsed.Error);
        Assert.Equal(text, Assert.IsType<PlaceText>(Assert.Single(parsed.Value!)).Content);
    }

    [Theory]
    [MemberData(nameof(Forbidden), DisableDiscoveryEnumeration = true)]
    public void Names_of_boards_and_people_with_one_are_refused(string text)
    {
        Assert.Equal($"A board's name {MessageValidator.NoncharactersRefused}", BoardName.Parse(text).Error);
        Assert.Equal($"A name {MessageValidator.NoncharactersRefused}", DisplayName.Parse(text).Error);
    }

    [Theory]
    [MemberData(nameof(Allowed), DisableDiscoveryEnumeration = true)]
    public void Names_next_to_the_forbidden_ones_are_kept(string text)
    {
        Assert.Equal(text, BoardName.Parse(text).Value);
        Assert.Equal(text, DisplayName.Parse(text).Value);
    }

    [Theory]
    [InlineData("""{"format":"whiteboard","version":1,"name":"Plans","elements":[{"type":"text","id":"t1","points":[10,10],"color":"#000000","width":4,"text":"a\uFFFEb"}]}""")]
    [InlineData("""{"format":"whiteboard","version":1,"name":"Plans \uFFFF","elements":[]}""")]
    public void A_board_file_holding_one_imports_nothing_and_says_why(string document)
    {
        var read = ImportedBoard.Read(Encoding.UTF8.GetBytes(document), ParticipantId.New());

        Assert.False(read.IsValid);
        Assert.Contains(MessageValidator.NoncharactersRefused, read.Error, StringComparison.Ordinal);
    }
}
