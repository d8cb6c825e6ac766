using Npgsql;

namespace Whiteboard.App.Storage;

/// <summary>Chooses the PostgreSQL store when its setting is given: the store a cluster's instances share.</summary>
public static class PostgreSqlServices
{
    /// <summary>An Npgsql connection string; set, the app keeps its boards there instead of in its SQLite file.</summary>
    public const string Setting = "Whiteboard:Cluster:PostgreSql";

    /// <summary>Registers the PostgreSQL store, and a check that stops the app at start when the database cannot be used.</summary>
    public static IServiceCollection AddPostgreSqlBoardStore(this IServiceCollection services, string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException wrong)
        {
            throw new PostgreSqlSettingException($"{Setting} is not an Npgsql connection string: {wrong.Message}", wrong);
        }

        services.AddSingleton(provider => new PostgreSqlBoardStore(connectionString, provider.GetRequiredService<ILogger<PostgreSqlBoardStore>>()));
        // One store, which the start-up check asks in detail; disposing it twice (once per registration) is harmless.
        services.AddSingleton<IBoardStore>(provider => provider.GetRequiredService<PostgreSqlBoardStore>());
        services.AddHostedService<PostgreSqlStartupCheck>();
        return services;
    }
}
