using System.Globalization;

namespace Whiteboard.App.Components.Home;

/// <summary>How long ago something happened, in words: the server does not know the reader's time zone.</summary>
public static class TimeAgo
{
    public static string Describe(DateTimeOffset then, DateTimeOffset now)
    {
        var ago = now - then;
        return ago switch
        {
            { TotalMinutes: < 1 } => "just now",
            { TotalHours: < 1 } => Count((int)ago.TotalMinutes, "minute"),
            { TotalDays: < 1 } => Count((int)ago.TotalHours, "hour"),
            { TotalDays: < 30 } => Count((int)ago.TotalDays, "day"),
            _ => "on " + then.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
        };
    }

    private static string Count(int count, string unit) => count == 1 ? $"1 {unit} ago" : $"{count} {unit}s ago";
}
