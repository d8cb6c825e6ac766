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
        var file = await DownloadAsync(client, new Uri($"/b/{key}/export.json", UriKind.Relative));
        var board = ImportedBoard.Read(file, ParticipantId.New());
        Assert.True(board.IsValid, board.Error);
        return board.Value!.Elements;
    }

    /// <summary>The board's SVG picture, as the server draws it.</summary>
    public static async Task<string> ReadSvgAsync(HttpClient client, string key) =>
        System.Text.Encoding.UTF8.GetString(await DownloadAsync(client, new Uri($"/b/{key}/export.svg", UriKind.Relative)));

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

    /// <summary>
    /// The export's bytes. Exports are limited per client address (issue 21): tests that read many boards' exports at once
    /// from one address are told 503 now and then, and ask again, as a script that honours it would (without waiting
    /// the full Retry-After, for the test's pace).
    /// </summary>
    private static async Task<byte[]> DownloadAsync(HttpClient client, Uri export)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await client.GetAsync(export, deadline.Token);
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || deadline.IsCancellationRequested)
            {
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsByteArrayAsync(deadline.Token);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
        }
    }
}
