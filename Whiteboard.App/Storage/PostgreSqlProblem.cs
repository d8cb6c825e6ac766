using Npgsql;

namespace Whiteboard.App.Storage;

/// <summary>
/// Why the PostgreSQL store cannot be used, told twice: in plain words for anyone who sees it (the home page,
/// /healthz), which never repeat an exception's message since it can name the server and its port; and in detail,
/// with the server's own words, for the operator who starts the app. <see cref="Cause"/> goes to the operator's log.
/// </summary>
internal sealed record PostgreSqlProblem(string Plain, string Detailed, Exception? Cause)
{
    private const string ReadOnlyWords = "The PostgreSQL database is read-only (a standby?): boards can be watched but not changed.";

    public static PostgreSqlProblem ReadOnly { get; } = new(ReadOnlyWords, ReadOnlyWords, Cause: null);

    public static PostgreSqlProblem Of(Exception exception) => exception switch
    {
        PostgresException refused => new(
            "The PostgreSQL database refused the app's requests: the app's log says more.",
            $"The PostgreSQL database ({PostgreSqlServices.Setting}) refused: {refused.MessageText}",
            exception),
        NpgsqlException unreachable => new(
            "The PostgreSQL server cannot be reached: the app's log says more.",
            $"The PostgreSQL server ({PostgreSqlServices.Setting}) cannot be reached: {unreachable.Message}",
            exception),
        // Written by the app itself about the stored data (a newer schema): plain words already.
        InvalidDataException damaged => new(damaged.Message, damaged.Message, exception),
        _ => new(
            "The PostgreSQL store failed: the app's log says more.",
            $"The PostgreSQL store ({PostgreSqlServices.Setting}) failed: {exception.Message}",
            exception),
    };
}
