using System.Globalization;

namespace Whiteboard.Shared.Validation;

/// <summary>
/// Reads the few CSS color forms a color picker produces and writes them back as lowercase hex,
/// so nothing but a plain color ever reaches another participant's canvas.
/// </summary>
public static class CssColor
{
    public static bool TryNormalize(string? text, out string hex)
    {
        hex = "";
        if (string.IsNullOrWhiteSpace(text) || text.Length > BoardLimits.MaxColorLength)
        {
            return false;
        }

        var value = text.Trim().ToLowerInvariant();
        if (value.StartsWith('#'))
        {
            return TryHex(value[1..], out hex);
        }

        return TryFunction(value, out hex);
    }

    private static bool TryHex(string digits, out string hex)
    {
        hex = "";
        if (!digits.All(Uri.IsHexDigit))
        {
            return false;
        }

        switch (digits.Length)
        {
            case 3:
                hex = $"#{digits[0]}{digits[0]}{digits[1]}{digits[1]}{digits[2]}{digits[2]}";
                return true;
            case 6:
                hex = "#" + digits;
                return true;
            case 8:
                hex = digits.EndsWith("ff", StringComparison.Ordinal) ? "#" + digits[..6] : "#" + digits;
                return true;
            default:
                return false;
        }
    }

    private static bool TryFunction(string value, out string hex)
    {
        hex = "";
        var open = value.IndexOf('(');
        if (open < 0 || !value.EndsWith(')'))
        {
            return false;
        }

        var name = value[..open].Trim();
        var parts = value[(open + 1)..^1].Split(',');
        var hasAlpha = name == "rgba" || (name == "rgb" && parts.Length == 4);
        if ((name != "rgb" && name != "rgba") || parts.Length != (hasAlpha ? 4 : 3))
        {
            return false;
        }

        Span<int> channels = stackalloc int[4];
        channels[3] = 255;
        for (var i = 0; i < 3; i++)
        {
            if (!int.TryParse(parts[i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out channels[i])
                || channels[i] > 255)
            {
                return false;
            }
        }

        if (hasAlpha)
        {
            if (!double.TryParse(parts[3].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var alpha)
                || alpha > 1)
            {
                return false;
            }

            channels[3] = (int)Math.Round(alpha * 255);
        }

        var rgb = $"#{channels[0]:x2}{channels[1]:x2}{channels[2]:x2}";
        hex = channels[3] == 255 ? rgb : rgb + channels[3].ToString("x2", CultureInfo.InvariantCulture);
        return true;
    }
}
