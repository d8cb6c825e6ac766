namespace Whiteboard.App.Boards;

/// <summary>The colors people on a board are told apart by: each newcomer takes the first one nobody there has.</summary>
public static class SeatColors
{
    public static readonly IReadOnlyList<string> Palette =
    [
        "#e03131", "#1971c2", "#2f9e44", "#f08c00", "#9c36b5", "#0c8599",
        "#c2255c", "#5c940d", "#6741d9", "#e8590c", "#1098ad", "#862e9c",
    ];

    /// <summary>The first color not in <paramref name="taken"/>; with every one taken, the least used.</summary>
    public static string Pick(IEnumerable<string> taken)
    {
        var uses = Palette.ToDictionary(color => color, _ => 0);
        foreach (var color in taken)
        {
            if (uses.ContainsKey(color))
            {
                uses[color]++;
            }
        }

        return Palette.MinBy(color => uses[color])!;
    }
}
