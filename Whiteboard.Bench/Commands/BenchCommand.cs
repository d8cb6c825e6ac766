using System.CommandLine;

namespace Whiteboard.Bench.Commands;

/// <summary>The bench's command line: a subcommand for each scenario, each with its typed options.</summary>
public static class BenchCommand
{
    public static RootCommand Create() => new("Whiteboard.Bench: measured figures, each reproducible with one command (docs/performance.md)")
    {
        StoreCommand.Create(),
        HubLoadCommands.Fanout(),
        HubLoadCommands.Classroom(),
        BrowsersCommand.Create(),
        CircuitsCommand.Create(),
        LargeBoardCommand.Create(),
        SoakCommand.Create(),
        HostileCommand.Create(),
        ClusterCommand.Create(),
        LaserCommand.Create(),
        ChatCommand.Create(),
        HistoryCommand.Create(),
        HistoryBrowserCommand.Create(),
    };
}
