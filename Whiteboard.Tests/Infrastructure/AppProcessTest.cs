namespace Whiteboard.Tests.Infrastructure;

/// <summary>
/// A test's world when the app runs as its own process (see <see cref="Bench.Hosting.AppProcess"/>), to
/// be killed and started again: a data folder of its own, and a browser; both gone after the test.
/// </summary>
public abstract class AppProcessTest : IAsyncLifetime
{
    protected string DataDirectory { get; } = Directory.CreateTempSubdirectory("whiteboard-process-").FullName;

    protected Browser Browser { get; private set; } = null!;

    public async Task InitializeAsync() => Browser = await Browser.LaunchAsync();

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
