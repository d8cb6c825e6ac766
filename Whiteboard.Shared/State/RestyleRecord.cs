using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Validation;

namespace Whiteboard.Shared.State;

/// <summary>One element's style before and after a restyle, in a snapshot's history.</summary>
public sealed record RestyleRecord(string? Id, StyleRecord? Before, StyleRecord? After)
{
    internal static RestyleRecord Of(StyleSwap swap) => new(swap.Id.Value, StyleRecord.Of(swap.Before), StyleRecord.Of(swap.After));

    internal Validated<StyleSwap> Read()
    {
        if (!ElementId.TryParse(Id, out var id))
        {
            return Validated<StyleSwap>.Reject("A restyled element's id is damaged.");
        }

        var before = StyleRecord.Read(Before);
        var after = StyleRecord.Read(After);
        return (before.Error ?? after.Error) is { } error
            ? Validated<StyleSwap>.Reject($"A restyled element's style is damaged. {error}")
            : Validated<StyleSwap>.Ok(new StyleSwap(id, before.Value!, after.Value!));
    }
}

/// <summary>A style written down, read back under the rules a message's style is read by.</summary>
public sealed record StyleRecord(string? Color, float? Width, string? Fill = null, string? Line = null, float? Opacity = null)
{
    public static StyleRecord Of(StrokeStyle style) => new(
        style.Color, style.Width, style.Fill, style.Line == LineStyle.Solid ? null : LineStyles.NameOf(style.Line), style.Opacity == 1 ? null : style.Opacity);

    public static Validated<StrokeStyle> Read(StyleRecord? record) => record is null
        ? Validated<StrokeStyle>.Reject("A style is missing.")
        : StyleParts.ParseStyle(record.Color, record.Width, record.Fill, record.Line, record.Opacity);
}
