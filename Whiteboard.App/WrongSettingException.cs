namespace Whiteboard.App;

/// <summary>
/// A setting is missing or wrong, or names a server that cannot be used: the app does not start. Its message is one
/// line naming the setting, which is all the operator is shown (Program).
/// </summary>
public abstract class WrongSettingException(string message, Exception? inner) : Exception(message, inner);
