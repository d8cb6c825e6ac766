namespace Whiteboard.App.Cluster;

/// <summary>A <c>Whiteboard:Cluster</c> setting is missing or wrong, or its Redis cannot be reached: the app does not start. Its message is one line.</summary>
public sealed class ClusterSettingException(string message, Exception? inner = null) : WrongSettingException(message, inner);
