using Microsoft.AspNetCore.DataProtection;
using Whiteboard.App.Boards;
using Whiteboard.Shared.Ids;

namespace Whiteboard.Tests.Unit;

public sealed class ParticipantTokensTests
{
    private readonly ParticipantTokens tokens = new(new EphemeralDataProtectionProvider());

    [Fact]
    public void A_token_this_server_issued_gives_back_the_same_participant()
    {
        var alice = ParticipantId.New();

        Assert.True(tokens.TryRead(tokens.Issue(alice), out var read));
        Assert.Equal(alice, read);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a token!")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAA")]
    public void Anything_else_is_no_one(string? token) => Assert.False(tokens.TryRead(token, out _));

    [Fact]
    public void A_participant_id_sent_as_is_or_a_token_from_another_server_is_no_one()
    {
        var alice = ParticipantId.New();
        var elsewhere = new ParticipantTokens(new EphemeralDataProtectionProvider());

        Assert.False(tokens.TryRead(alice.Value, out _));
        Assert.False(tokens.TryRead(elsewhere.Issue(alice), out _));
    }
}
