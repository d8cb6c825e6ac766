using System.Net.Http.Json;
using SkiaSharp;
using Whiteboard.App.Images;
using Whiteboard.Bench.Hosting;
using Whiteboard.Bench.Hub;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Protocol;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// Resizing, adding several elements at once and the drawing order from two instances of a cluster (issue 23): every
/// program, on either instance, and a late joiner's snapshot show the board as exported, in the same order. An image
/// (issue 24) is kept once in the cluster's store, whichever instance took it.
/// </summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class ClusterArrangeTests(PostgreSqlServer server) : ClusterHubTest(server)
{
    private static BoardMessage Rectangle(string id, int x, int y) =>
        new("shape", id, Points: [x, y, x + 100, y + 100], Color: "#1e1e1e", Width: 2, Shape: "rect", Done: true);

    private static async Task SubmitAsync(BoardHubClient client, BoardMessage message)
    {
        var result = await client.SubmitAsync([message]);
        Assert.True(result.IsAccepted, result.Rejection);
    }

    [Fact]
    public async Task A_resize_a_paste_and_a_restack_from_two_instances_show_alike_everywhere_in_the_exports_order()
    {
        var cluster = await StartAsync(nameof(ClusterArrangeTests), 2);
        var key = await NewBoard.CreateAsync(cluster.Instances[0].Address);
        var ada = await JoinAsync(cluster.Instances[0], key, "Ada bot");
        var bob = await JoinAsync(cluster.Instances[1], key, "Bob bot");

        await SubmitAsync(ada.Client, Rectangle("a", 0, 0));
        await SubmitAsync(ada.Client, Rectangle("b", 50, 50));
        await SubmitAsync(bob.Client, new BoardMessage("add", Op: "paste", Records:
            [new ElementRecord("text", "t1", [10, 10], "#1971c2", 4, Text: "one"), new ElementRecord("text", "t2", [10, 40], "#1971c2", 4, Text: "two")]));
        await SubmitAsync(bob.Client, new BoardMessage("back", Op: "down", Elements: ["b"]));
        await SubmitAsync(ada.Client, new BoardMessage("front", Op: "up", Elements: ["a"]));
        await SubmitAsync(bob.Client, new BoardMessage("resize", Op: "grow", Elements: ["b"], Points: [49, 49, 253, 253]));

        var late = await JoinAsync(cluster.Instances[1], key, "Cy bot");
        using var http = new HttpClient { BaseAddress = cluster.Instances[0].Address };
        using var deadline = new CancellationTokenSource(Patience);
        List<string> exported;
        do
        {
            exported = [.. (await ExportedBoard.ReadAsync(http, key)).Select(element => HubShownBoard.Canonical(ElementRecord.Of(element, withAuthor: false)))];
            if (new[] { ada, bob, late }.All(program => program.Shown.Elements().SequenceEqual(exported)))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
        while (true);

        Assert.All(new[] { ada, bob, late }, program => Assert.Empty(program.Problems));
        Assert.Equal(["b", "t1", "t2", "a"], late.Shown.Ids());
        Assert.Contains("\"points\":[51,51,251,251]", exported[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_uploaded_to_one_instance_is_placed_from_the_other_and_served_by_both()
    {
        var cluster = await StartAsync(nameof(An_image_uploaded_to_one_instance_is_placed_from_the_other_and_served_by_both), 2);
        var key = await NewBoard.CreateAsync(cluster.Instances[0].Address);
        var ada = await JoinAsync(cluster.Instances[0], key, "Ada bot");
        var bob = await JoinAsync(cluster.Instances[1], key, "Bob bot");
        var picture = TestImages.Png(30, 20, SKColors.Magenta);
        using var first = new HttpClient { BaseAddress = cluster.Instances[0].Address };
        using var second = new HttpClient { BaseAddress = cluster.Instances[1].Address };

        using var uploaded = await second.PostAsync(new Uri($"/b/{key}/images", UriKind.Relative), new ByteArrayContent(picture));
        var image = (await uploaded.Content.ReadFromJsonAsync<BoardImageEndpoints.UploadedImage>())!;
        await SubmitAsync(ada.Client, new BoardMessage("image", "pic", Points: [10, 10, 40, 30], Image: image.Hash));

        using var deadline = new CancellationTokenSource(Patience);
        while (!bob.Shown.Ids().Contains("pic"))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }

        Assert.Empty(bob.Problems);
        var fromFirst = await first.GetByteArrayAsync(new Uri($"/b/{key}/images/{image.Hash}", UriKind.Relative));
        Assert.Equal(await second.GetByteArrayAsync(new Uri($"/b/{key}/images/{image.Hash}", UriKind.Relative)), fromFirst);
        using var decoded = SKBitmap.Decode(fromFirst);
        Assert.Equal(SKColors.Magenta, decoded.GetPixel(15, 10));
    }
}
