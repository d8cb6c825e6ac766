using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>What a board holds, read from its JSON export over HTTP, as a script would.</summary>
public static class ExportedBoard
{
    /// <summary>The board's elements in drawing order; <paramref name="client"/> is based at the app's address.</summary>
    public static async Task<IReadOnlyList<BoardElement>> ReadAsync(HttpClient client, string key)
    {
        var file = await client.GetByteArrayAsync(new Uri($"/b/{key}/export.json", UriKind.Relative));
        var board = ImportedBoard.Read(file, ParticipantId.New());
        Assert.True(board.IsValid, board.Error);
        return board.Value!.Elements;
    }

    /// <summary>Waits until the board holds exactly this many elements, all strokes; fails at once on more.</summary>
    public static async Task<IReadOnlyList<BoardElement>> WaitForStrokesAsync(HttpClient client, string key, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var elements = await ReadAsync(client, key);
            Assert.True(elements.Count <= count, $"the board holds {elements.Count} elements; {count} strokes were drawn: " +
                string.Join("; ", elements.Select(element => element is Stroke stroke
                    ? $"stroke {stroke.Id} of {stroke.Points.Length} points from ({stroke.Points.Span[0].X}, {stroke.Points.Span[0].Y})"
                    : $"{element.GetType().Name} {element.Id}")));
            if (elements.Count == count)
            {
                Assert.All(elements, element => Assert.IsType<Stroke>(element));
                return elements;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }
}
