using Whiteboard.App;
using Whiteboard.App.Health;

if (args is [HealthProbe.Argument])
{
    return await HealthProbe.RunAsync();
}

try
{
    await WhiteboardApp.Create(args).RunAsync();
}
catch (WrongSettingException wrong)
{
    // A wrong setting is the operator's to fix: one line naming it, not a stack trace.
    await Console.Error.WriteLineAsync(wrong.Message);
    return 1;
}

return 0;

/// <summary>The entry point; public so tests can name this assembly.</summary>
public partial class Program;
