using Whiteboard.Shared.Ids;

namespace Whiteboard.Tests.Unit;

public sealed class BoardIdTests
{
    [Fact]
    public void A_new_id_is_22_base64url_characters_and_reads_back()
    {
        var id = BoardId.New();
        Assert.Matches("^[A-Za-z0-9_-]{22}$", id.Value);
        Assert.True(BoardId.TryParse(id.Value, out var parsed));
        Assert.Equal(id, parsed);
    }

    [Fact]
    public void New_ids_differ()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => BoardId.New()).ToHashSet();
        Assert.Equal(1000, ids.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA+A")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA=A")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAB")]
    [InlineData("<script>alert(1)</scri")]
    public void Malformed_text_is_not_a_board_id(string? text) => Assert.False(BoardId.TryParse(text, out _));
}
