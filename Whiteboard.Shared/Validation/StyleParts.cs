using Whiteboard.Shared.Elements;

namespace Whiteboard.Shared.Validation;

/// <summary>
/// The parts of a style beyond color and width, as a message or a file gives them: a fill, a line style, an
/// opacity. Each is optional: absent means the default (or, in a restyle, unchanged).
/// </summary>
public static class StyleParts
{
    /// <summary>A fill color as normalized hex, <see cref="StyleChange.NoFill"/> for "none", or null when absent.</summary>
    public static Validated<string?> ParseFill(string? fill)
    {
        if (fill is null || fill == StyleChange.NoFill)
        {
            return Validated<string?>.Ok(fill);
        }

        return CssColor.TryNormalize(fill, out var hex)
            ? Validated<string?>.Ok(hex)
            : Validated<string?>.Reject("The fill is not \"none\" or a plain CSS color (#rgb, #rrggbb, #rrggbbaa, rgb() or rgba()).");
    }

    public static Validated<LineStyle?> ParseLine(string? line)
    {
        if (line is null)
        {
            return Validated<LineStyle?>.Ok(null);
        }

        return LineStyles.Names.TryGetValue(line, out var style)
            ? Validated<LineStyle?>.Ok(style)
            : Validated<LineStyle?>.Reject("The line style must be \"solid\", \"dashed\" or \"dotted\".");
    }

    /// <summary>An opacity from <see cref="BoardLimits.MinOpacity"/> to 1, kept in hundredths, or null when absent.</summary>
    public static Validated<float?> ParseOpacity(double? opacity)
    {
        if (opacity is null)
        {
            return Validated<float?>.Ok(null);
        }

        return opacity is { } value && double.IsFinite(value) && value >= BoardLimits.MinOpacity && value <= 1
            ? Validated<float?>.Ok((float)Math.Round(value, 2))
            : Validated<float?>.Reject($"The opacity must be a number from {BoardLimits.MinOpacity} to 1.");
    }

    /// <summary>A whole style: color and width as before, and the optional parts (absent: no fill, solid, opaque).</summary>
    public static Validated<StrokeStyle> ParseStyle(string? color, double? width, string? fill, string? line, double? opacity)
    {
        var plain = MessageValidator.ParseStyle(color, width);
        var parsedFill = ParseFill(fill);
        var parsedLine = ParseLine(line);
        var parsedOpacity = ParseOpacity(opacity);
        var error = plain.Error ?? parsedFill.Error ?? parsedLine.Error ?? parsedOpacity.Error;
        return error is not null
            ? Validated<StrokeStyle>.Reject(error)
            : Validated<StrokeStyle>.Ok(plain.Value! with
            {
                Fill = parsedFill.Value == StyleChange.NoFill ? null : parsedFill.Value,
                Line = parsedLine.Value ?? LineStyle.Solid,
                Opacity = parsedOpacity.Value ?? 1,
            });
    }

    /// <summary>What a restyle changes: at least one part, each valid.</summary>
    public static Validated<StyleChange> ParseChange(string? color, double? width, string? fill, string? line, double? opacity)
    {
        string? hex = null;
        if (color is not null && !CssColor.TryNormalize(color, out hex))
        {
            return Validated<StyleChange>.Reject("The color is not a plain CSS color (#rgb, #rrggbb, #rrggbbaa, rgb() or rgba()).");
        }

        if (width is { } w && (!double.IsFinite(w) || w < BoardLimits.MinStrokeWidth || w > BoardLimits.MaxStrokeWidth))
        {
            return Validated<StyleChange>.Reject($"The width must be a number from {BoardLimits.MinStrokeWidth} to {BoardLimits.MaxStrokeWidth}.");
        }

        var parsedFill = ParseFill(fill);
        var parsedLine = ParseLine(line);
        var parsedOpacity = ParseOpacity(opacity);
        if ((parsedFill.Error ?? parsedLine.Error ?? parsedOpacity.Error) is { } error)
        {
            return Validated<StyleChange>.Reject(error);
        }

        var change = new StyleChange(hex, (float?)width, parsedFill.Value, parsedLine.Value, parsedOpacity.Value);
        return change.IsEmpty
            ? Validated<StyleChange>.Reject("A restyle must change at least one of color, width, fill, line or opacity.")
            : Validated<StyleChange>.Ok(change);
    }
}
