using Npgsql;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Ids;
using Whiteboard.Tests.Infrastructure;
using static Whiteboard.Tests.Infrastructure.Ink;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// The store contract on PostgreSQL, and what only a store shared by a cluster's instances must do: refuse a
/// second writer of a board, and prepare its tables once however many instances start at once.
/// </summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class PostgreSqlBoardStoreTests(PostgreSqlServer server) : BoardStoreContract
{
    private Task<string> Database => server.DatabaseAsync(nameof(PostgreSqlBoardStoreTests));

    protected override async Task<IBoardStore> CreateStoreAsync() => new PostgreSqlBoardStore(await Database);

    protected override async Task StoreSnapshotTextAsync(BoardId board, string state)
    {
        await using var connection = new NpgsqlConnection(await Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE snapshots SET state = $1 WHERE board = $2", connection)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = state }, new NpgsqlParameter<string> { TypedValue = board.Value } },
        };
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task A_second_writer_of_a_board_is_refused_and_nothing_of_its_append_is_stored()
    {
        var board = NewBoard("Two writers");
        var other = NewBoard("Beside");
        await Store.CreateBoardAsync(board, content: null, CancellationToken.None);
        await Store.CreateBoardAsync(other, content: null, CancellationToken.None);
        var first = ParticipantId.New();
        await Store.AppendAsync(board.Id,
            [new StoredOperation(1, first, Rectangle("a", 0, 0, 5, 5)), new StoredOperation(2, first, Rectangle("b", 0, 0, 6, 6))],
            DateTimeOffset.UnixEpoch, CancellationToken.None);
        var secondInstance = await OpenStoreAsync();
        var second = ParticipantId.New();

        // The stale writer's append, and another board's in the same moment (so, likely, the same commit).
        var refused = secondInstance.AppendAsync(board.Id,
            [new StoredOperation(2, second, Rectangle("stale", 1, 1, 2, 2)), new StoredOperation(3, second, Rectangle("after", 1, 1, 3, 3))],
            DateTimeOffset.UnixEpoch, CancellationToken.None);
        var beside = secondInstance.AppendAsync(other.Id, [new StoredOperation(1, second, Rectangle("x", 0, 0, 1, 1))],
            DateTimeOffset.UnixEpoch, CancellationToken.None);

        var conflict = await Assert.ThrowsAsync<PostgreSqlWriterConflictException>(() => refused);
        await beside;
        Assert.Equal(board.Id, conflict.Board);
        Assert.Equal(2, conflict.FirstSequence);
        var stored = (await Store.LoadAsync(board.Id, CancellationToken.None)).Operations;
        Assert.Equal([(1L, first), (2L, first)], stored.Select(operation => (operation.Sequence, operation.Author)));
        Assert.Single((await Store.LoadAsync(other.Id, CancellationToken.None)).Operations);
    }

    [Fact]
    public async Task A_stale_writers_older_snapshot_does_not_replace_a_newer_one()
    {
        var board = NewBoard("Snapshots");
        await Store.CreateBoardAsync(board, content: null, CancellationToken.None);
        var state = new Shared.State.BoardState();
        state.Apply(ParticipantId.New(), Rectangle("a", 0, 0, 5, 5));
        await Store.SaveSnapshotAsync(board.Id, 7, state.Capture(), CancellationToken.None);

        await Store.SaveSnapshotAsync(board.Id, 3, new Shared.State.BoardState().Capture(), CancellationToken.None);

        var loaded = await Store.LoadAsync(board.Id, CancellationToken.None);
        Assert.Equal(7, loaded.SnapshotSequence);
        Assert.Single(loaded.Snapshot!.Elements!);
    }

    [Fact]
    public async Task Instances_starting_together_on_an_empty_database_make_its_tables_once()
    {
        var empty = await server.DatabaseAsync($"{nameof(PostgreSqlBoardStoreTests)}_empty");
        var stores = Enumerable.Range(0, 4).Select(_ => new PostgreSqlBoardStore(empty)).ToList();
        try
        {
            Assert.All(await Task.WhenAll(stores.Select(store => store.CheckAsync(CancellationToken.None))), Assert.Null);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_database_made_by_a_newer_build_is_refused_and_left_as_it_is()
    {
        var newer = await server.DatabaseAsync($"{nameof(PostgreSqlBoardStoreTests)}_newer");
        await using (var connection = new NpgsqlConnection(newer))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE TABLE schema_version (version integer NOT NULL); INSERT INTO schema_version VALUES (2)", connection);
            await command.ExecuteNonQueryAsync();
        }

        await using var store = new PostgreSqlBoardStore(newer);

        Assert.Equal("The PostgreSQL database was made by a newer Whiteboard (schema 2; this one knows 1).", await store.CheckAsync(CancellationToken.None));
        await using (var connection = new NpgsqlConnection(newer))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE tablename = 'boards'", connection);
            Assert.Equal(0L, await command.ExecuteScalarAsync());
        }
    }
}
