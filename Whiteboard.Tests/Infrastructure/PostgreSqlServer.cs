using Whiteboard.Bench.Hosting;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>
/// The tests' one private PostgreSQL server (<see cref="PostgreSqlProcess"/>), started before the first test class of its
/// collection and stopped after the last; a database of its own for each test class.
/// </summary>
public sealed class PostgreSqlServer : PostgreSqlProcess, IAsyncLifetime
{
    public const string Collection = "PostgreSQL server";

    Task IAsyncLifetime.InitializeAsync() => StartAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

/// <summary>The test classes that share one <see cref="PostgreSqlServer"/>, each on a database of its own.</summary>
[CollectionDefinition(PostgreSqlServer.Collection)]
public sealed class PostgreSqlServerCollection : ICollectionFixture<PostgreSqlServer>;
