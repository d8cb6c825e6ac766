using Whiteboard.Shared.Validation;

namespace Whiteboard.Tests.Unit;

public sealed class CssColorTests
{
    [Theory]
    [InlineData("#1E1E1E", "#1e1e1e")]
    [InlineData("#f00", "#ff0000")]
    [InlineData("#ff000080", "#ff000080")]
    [InlineData("#ff0000ff", "#ff0000")]
    [InlineData("rgb(255, 0, 10)", "#ff000a")]
    [InlineData("rgba(0, 128, 255, 0.5)", "#0080ff80")]
    [InlineData(" rgb(1,2,3) ", "#010203")]
    public void Plain_colors_are_normalized_to_hex(string text, string expected)
    {
        Assert.True(CssColor.TryNormalize(text, out var hex));
        Assert.Equal(expected, hex);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("red;background:url(x)")]
    [InlineData("red")]
    [InlineData("#12")]
    [InlineData("#gggggg")]
    [InlineData("rgb(256, 0, 0)")]
    [InlineData("rgb(-1, 0, 0)")]
    [InlineData("rgba(0, 0, 0, 2)")]
    [InlineData("rgb(1, 2)")]
    [InlineData("url(javascript:alert(1))")]
    [InlineData("#000000000000000000000000000000000000")]
    public void Anything_else_is_refused(string? text) => Assert.False(CssColor.TryNormalize(text, out _));
}
