using System.Net;
using Whiteboard.Shared.Ids;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>A store that fails tells people the plain reason; the paths and the exception's own words go to the operator's log only.</summary>
public sealed class StoreFailureDetailsTests : IDisposable
{
    private readonly string workspace = Directory.CreateTempSubdirectory("whiteboard-store-details-").FullName;

    public void Dispose() => Directory.Delete(workspace, recursive: true);

    [Fact]
    public async Task A_data_folder_that_cannot_be_made_is_reported_without_its_path_and_the_log_names_it()
    {
        var blocker = Path.Combine(workspace, "blocker");
        await File.WriteAllTextAsync(blocker, "a file where the data folder's parent should be");
        var dataDirectory = Path.Combine(blocker, "data");
        var log = new CapturedLog();
        await using var app = await RunningApp.StartLoggingAsync(log, dataDirectory);
        using var client = app.CreateClient();

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        var export = await client.GetAsync(new Uri($"/b/{BoardKey.New()}/export.json", UriKind.Relative));
        var page = await client.GetAsync(new Uri($"/b/{BoardKey.New()}", UriKind.Relative));

        Assert.Contains("The data folder cannot be used", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, export.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        foreach (var shown in new[] { home, await export.Content.ReadAsStringAsync(), await page.Content.ReadAsStringAsync() })
        {
            Assert.DoesNotContain(workspace, shown, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("Not a directory", shown, StringComparison.Ordinal);
        }

        Assert.Contains(log.Entries, entry => entry.StartsWith("Error ", StringComparison.Ordinal) && entry.Contains(dataDirectory, StringComparison.Ordinal));
    }
}
