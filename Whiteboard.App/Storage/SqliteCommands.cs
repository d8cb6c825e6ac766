using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Whiteboard.App.Storage;

/// <summary>The few ways the SQLite store runs a statement, with its parameters by name.</summary>
internal static class SqliteCommands
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    public static async Task<object?> ScalarAsync(
        this SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.Command(sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    public static async Task ExecuteAsync(
        this SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.Command(sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A time as the store keeps it: UTC, round-trip text.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
