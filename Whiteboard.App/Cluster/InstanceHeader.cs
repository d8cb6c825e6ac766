namespace Whiteboard.App.Cluster;

/// <summary>
/// Every response says which instance answered (<c>X-Whiteboard-Instance</c>: its machine and process), so an operator
/// or a test behind the load balancer can tell where a browser's requests and circuit landed.
/// </summary>
public static class InstanceHeader
{
    public const string Name = "X-Whiteboard-Instance";

    /// <summary>This instance: unique among the processes of one machine, and among machines.</summary>
    public static string Value { get; } = $"{Environment.MachineName}/{Environment.ProcessId}";

    public static IApplicationBuilder UseInstanceHeader(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.Headers[Name] = Value;
            return next(context);
        });
}
