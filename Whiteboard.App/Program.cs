using Whiteboard.App;
using Whiteboard.App.Health;

if (args is [HealthProbe.Argument])
{
    return await HealthProbe.RunAsync();
}

await WhiteboardApp.Create(args).RunAsync();
return 0;

/// <summary>The entry point; public so tests can name this assembly.</summary>
public partial class Program;
