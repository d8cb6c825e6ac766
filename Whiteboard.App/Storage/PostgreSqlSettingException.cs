namespace Whiteboard.App.Storage;

/// <summary>The PostgreSQL setting is wrong, or names a database that cannot be used: the app does not start. Its message is one line.</summary>
public sealed class PostgreSqlSettingException(string message, Exception? inner = null) : WrongSettingException(message, inner);
