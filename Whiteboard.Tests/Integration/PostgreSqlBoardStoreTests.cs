using Microsoft.Extensions.Logging;
using Npgsql;
using Whiteboard.App.Storage;
using Whiteboard.Bench.Hosting;
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
        await using var command = new NpgsqlCommand("UPDATE checkpoints SET state = $1 WHERE board = $2", connection)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = state }, new NpgsqlParameter<string> { TypedValue = board.Value } },
        };
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    protected override async Task<long> CountRowsAsync(BoardId? board = null)
    {
        await using var connection = new NpgsqlConnection(await Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM boards WHERE $1::text IS NULL OR id = $1)
                + (SELECT count(*) FROM operations WHERE $1::text IS NULL OR board = $1)
                + (SELECT count(*) FROM checkpoints WHERE $1::text IS NULL OR board = $1)
                + (SELECT count(*) FROM images WHERE $1::text IS NULL OR board = $1)
                + (SELECT count(*) FROM unfinished_imports WHERE $1::text IS NULL OR board = $1)
            """, connection)
        {
            Parameters = { new NpgsqlParameter<string?> { TypedValue = board?.Value } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    protected override async Task BackdateImportAsync(BoardId board, TimeSpan by)
    {
        await using var connection = new NpgsqlConnection(await Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE unfinished_imports SET started = started - $1 WHERE board = $2", connection)
        {
            Parameters = { new NpgsqlParameter<TimeSpan> { TypedValue = by }, new NpgsqlParameter<string> { TypedValue = board.Value } },
        };
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task An_import_another_instance_is_writing_is_not_removed_when_this_one_begins_one()
    {
        var writing = NewBoard("Being imported elsewhere");
        await ((IBoardImportStore)Store).BeginImportAsync(writing, content: null, CancellationToken.None);
        await Store.AppendAsync(writing.Id, [new StoredOperation(1, ParticipantId.New(), Rectangle("r", 0, 0, 5, 5))], DateTimeOffset.UnixEpoch,
            CancellationToken.None);
        var here = await OpenStoreAsync();

        await ((IBoardImportStore)here).BeginImportAsync(NewBoard("Imported here"), content: null, CancellationToken.None);
        await ((IBoardImportStore)Store).FinishImportAsync(writing, CancellationToken.None);

        Assert.Equal(2, await CountRowsAsync(writing.Id)); // its row and its operation; its mark went as it finished
        Assert.Equal(writing, await here.FindAsync(writing.EditKey, CancellationToken.None));
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
    public async Task A_database_from_before_the_whole_history_keeps_its_operations_and_its_snapshot_as_the_first_checkpoint()
    {
        // A board as schema 3 kept it: one snapshot, at 2, the operations before it dropped, the one after it without a time.
        var older = await server.DatabaseAsync($"{nameof(PostgreSqlBoardStoreTests)}_schema3");
        var board = NewBoard("From schema 3");
        var author = ParticipantId.New();
        await using (var store = new PostgreSqlBoardStore(older))
        {
            await store.CreateBoardAsync(board, content: null, CancellationToken.None);
            var state = new Shared.State.BoardState();
            for (var sequence = 1; sequence <= 3; sequence++)
            {
                var operation = new StoredOperation(sequence, author, Rectangle($"r{sequence}", sequence, 0, sequence + 5, 5));
                state.Apply(author, operation.Operation);
                await store.AppendAsync(board.Id, [operation], DateTimeOffset.UnixEpoch, CancellationToken.None);
                if (sequence == 2)
                {
                    await store.SaveSnapshotAsync(board.Id, 2, state.Capture(), CancellationToken.None);
                }
            }
        }

        await using (var connection = new NpgsqlConnection(older))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                DELETE FROM operations WHERE sequence <= 2;
                CREATE TABLE snapshots (board text PRIMARY KEY, sequence bigint NOT NULL, state text NOT NULL);
                INSERT INTO snapshots SELECT DISTINCT ON (board) board, sequence, state FROM checkpoints ORDER BY board, sequence DESC;
                DROP TABLE checkpoints;
                ALTER TABLE operations DROP COLUMN at, DROP COLUMN name, DROP COLUMN color;
                DROP TABLE unfinished_imports;
                UPDATE schema_version SET version = 3;
                """, connection);
            await command.ExecuteNonQueryAsync();
        }

        await using var upgraded = new PostgreSqlBoardStore(older);

        Assert.Null(await upgraded.CheckAsync(CancellationToken.None));
        Assert.Equal(new HistorySpan(2, 3), await upgraded.ReadSpanAsync(board.Id, CancellationToken.None));
        Assert.Equal(2, (await upgraded.ReadCheckpointAsync(board.Id, 3, CancellationToken.None))?.Sequence);
        Assert.Null(Assert.Single(await upgraded.ReadOperationsAsync(board.Id, 2, 3, CancellationToken.None)).At);
        var loaded = await upgraded.LoadAsync(board.Id, CancellationToken.None);
        Assert.Equal((2L, 3L), (loaded.SnapshotSequence, Assert.Single(loaded.Operations).Sequence));
    }

    [Fact]
    public async Task A_database_made_by_a_newer_build_is_refused_and_left_as_it_is()
    {
        var newer = await server.DatabaseAsync($"{nameof(PostgreSqlBoardStoreTests)}_newer");
        await using (var connection = new NpgsqlConnection(newer))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE TABLE schema_version (version integer NOT NULL); INSERT INTO schema_version VALUES (6)", connection);
            await command.ExecuteNonQueryAsync();
        }

        await using var store = new PostgreSqlBoardStore(newer);

        Assert.Equal("The PostgreSQL database was made by a newer Whiteboard (schema 6; this one knows 5).", await store.CheckAsync(CancellationToken.None));
        await using (var connection = new NpgsqlConnection(newer))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE tablename = 'boards'", connection);
            Assert.Equal(0L, await command.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_told_in_plain_words_without_its_address_or_the_error()
    {
        var port = ChildProcess.FreeLoopbackPort();
        var stopped = $"Host=127.0.0.1;Port={port};Username=postgres";
        string error;
        await using (var connection = new NpgsqlConnection(stopped))
        {
            error = (await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync())).Message;
        }

        await using var store = new PostgreSqlBoardStore(stopped);

        var problem = await store.CheckAsync(CancellationToken.None);

        Assert.Equal("The PostgreSQL server cannot be reached: the app's log says more.", problem);
        Assert.DoesNotContain(error, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_logged_with_the_error_and_told_in_detail_to_the_operator_starting_the_app()
    {
        var stopped = $"Host=127.0.0.1;Port={ChildProcess.FreeLoopbackPort()};Username=postgres";
        var log = new CapturedLog();
        using var logging = new LoggerFactory([log]);
        await using var store = new PostgreSqlBoardStore(stopped, logging.CreateLogger<PostgreSqlBoardStore>());

        var problem = await store.CheckAsync(CancellationToken.None);
        var detailed = await store.CheckInDetailAsync(CancellationToken.None);

        var entry = Assert.Single(log.Entries);
        Assert.StartsWith($"Warning {typeof(PostgreSqlBoardStore).FullName}: The PostgreSQL store cannot be used: {problem}", entry, StringComparison.Ordinal);
        Assert.Contains(nameof(NpgsqlException), entry, StringComparison.Ordinal);
        Assert.StartsWith($"The PostgreSQL server ({PostgreSqlServices.Setting}) cannot be reached: ", detailed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_fails_a_commit_of_several_boards_at_once_not_board_by_board()
    {
        await using var server = new StalledPostgreSqlServer();
        await using var store = new PostgreSqlBoardStore(server.ConnectionString);
        var author = ParticipantId.New();
        var first = store.AppendAsync(BoardId.New(), [new StoredOperation(1, author, Rectangle("a", 0, 0, 1, 1))], DateTimeOffset.UnixEpoch, CancellationToken.None);
        // The first commit waits on the server, so the next boards' appends queue behind it, to be committed together.
        await server.NextConnectionAsync(TimeSpan.FromSeconds(30));
        var together = Enumerable.Range(0, 4)
            .Select(number => store.AppendAsync(
                BoardId.New(), [new StoredOperation(1, author, Rectangle($"{number}", 0, 0, 1, 1))], DateTimeOffset.UnixEpoch, CancellationToken.None))
            .ToList();

        server.Drop();

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => first);
        foreach (var append in together)
        {
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => append);
        }

        // Each connection to a server that does not answer costs a connect timeout: one for the four boards, not one each.
        Assert.Equal(2, server.Connections);
    }
}
