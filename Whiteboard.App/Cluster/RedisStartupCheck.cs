using StackExchange.Redis;

namespace Whiteboard.App.Cluster;

/// <summary>
/// Stops the app as it starts when the cluster's Redis cannot be reached, with one line naming the setting, before
/// Orleans would try to join through it for minutes. It runs before every hosted service starts (Orleans's silo too).
/// </summary>
public sealed class RedisStartupCheck(ClusterSettings settings) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(settings.Redis!);
        options.AbortOnConnectFail = true;
        // One try: a Redis that is not there now is the operator's to fix, not the app's to wait for.
        options.ConnectRetry = 1;
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
            await redis.GetDatabase().PingAsync();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            throw new ClusterSettingException(
                $"The Redis server ({ClusterSettings.Name(nameof(ClusterSettings.Redis))}) cannot be reached: {FirstSentence(exception.Message)}", exception);
        }
    }

    /// <summary>StackExchange.Redis goes on to say how to make it retry for ever, which is not the operator's fix here.</summary>
    private static string FirstSentence(string message) =>
        ClusterSettings.OneLine(message) is var line && line.IndexOf(". ", StringComparison.Ordinal) is > 0 and var end ? line[..(end + 1)] : line;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
