using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor.Services;
using Npgsql;
using SkiaSharp;
using Whiteboard.App;
using Whiteboard.App.Boards;
using Whiteboard.App.Components.Home;
using Whiteboard.App.Security;
using Whiteboard.App.Storage;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Components;

public sealed class ImportBoardFormTests : ComponentTest
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<ImportBoardForm> Upload(string content)
    {
        var form = Render<ImportBoardForm>();
        form.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(content, "board.json"));
        return form;
    }

    [Theory]
    [InlineData("a shopping list", "The file is not a Whiteboard board: it is not valid JSON")]
    [InlineData("""{"format":"paint","version":1,"elements":[]}""", "The file is not a Whiteboard board: its \"format\" is not \"whiteboard\".")]
    [InlineData("""{"format":"whiteboard","version":1}""", "The file is not a Whiteboard board: it has no version or no elements.")]
    public void A_file_that_is_not_a_board_says_why_and_opens_nothing(string content, string reason)
    {
        var start = Navigation.Uri;

        var form = Upload(content);

        form.WaitForAssertion(() => Assert.StartsWith(reason, form.Find("[data-testid=import-error]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal(start, Navigation.Uri);
    }

    [Fact]
    public async Task A_board_file_opens_as_a_new_board_with_its_name()
    {
        var form = Upload("""{"format":"whiteboard","version":1,"name":"Plans","elements":[]}""");

        form.WaitForAssertion(() => Assert.Contains("/b/", Navigation.Uri, StringComparison.Ordinal));
        Assert.Empty(form.FindAll("[data-testid=import-error]"));
        var opened = await Rooms.FindAsync(Navigation.Uri[(Navigation.Uri.IndexOf("/b/", StringComparison.Ordinal) + 3)..], CancellationToken.None);
        Assert.Equal(("Plans", BoardAccess.Edit), (opened?.Board.Name, opened?.Access));
    }

    [Fact]
    public async Task A_board_the_database_fails_to_create_says_so_in_plain_words_logs_why_and_the_form_still_works()
    {
        var log = new CapturedLog();
        await using var context = FormOn(new UnreachableDatabase(), log);
        var start = context.Services.GetRequiredService<NavigationManager>().Uri;
        var form = context.Render<ImportBoardForm>();

        form.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("""{"format":"whiteboard","version":1,"elements":[]}""", "board.json"));

        form.WaitForAssertion(() => Assert.Equal(
            "The board could not be imported. The board store failed: the app's log says more.", form.Find("[data-testid=import-error]").TextContent.Trim()));
        Assert.DoesNotContain(UnreachableDatabase.Error, form.Markup, StringComparison.Ordinal);
        Assert.Contains(log.Entries, entry => entry.StartsWith("Warning ", StringComparison.Ordinal) && entry.Contains(UnreachableDatabase.Error, StringComparison.Ordinal));
        Assert.Equal(start, context.Services.GetRequiredService<NavigationManager>().Uri);
        // The circuit lives on: a file that is not a board is still answered.
        form.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("a shopping list", "list.json"));
        form.WaitForAssertion(() => Assert.StartsWith("The file is not a Whiteboard board", form.Find("[data-testid=import-error]").TextContent.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_import_whose_store_fails_halfway_through_its_history_says_why_and_leaves_nothing_stored()
    {
        var folder = Directory.CreateTempSubdirectory("whiteboard-import-");
        var path = Path.Combine(folder.FullName, "whiteboard.db");
        var store = new SqliteBoardStore(path);
        try
        {
            Assert.Null(await store.CheckAsync(CancellationToken.None));
            // The store fails on the 1,500th operation of 2,500: after the board, its first 1,000 operations and its image were stored.
            await ExecuteAsync(path, """
                CREATE TRIGGER failing_midway BEFORE INSERT ON operations WHEN NEW.sequence = 1500
                BEGIN SELECT RAISE(ABORT, 'the disk failed'); END;
                """);
            await using var context = FormOn(store, new CapturedLog());
            var start = context.Services.GetRequiredService<NavigationManager>().Uri;
            var form = context.Render<ImportBoardForm>();

            form.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(await BoardFileWithHistoryAsync(2_500), "board.json"));

            form.WaitForAssertion(() => Assert.Equal(
                "The board could not be imported. The database failed (SQLite error 19): the app's log says more.",
                form.Find("[data-testid=import-error]").TextContent.Trim()), TimeSpan.FromSeconds(60));
            Assert.Equal(start, context.Services.GetRequiredService<NavigationManager>().Uri);
            Assert.Equal(0L, await ScalarAsync(path, """
                SELECT (SELECT count(*) FROM boards) + (SELECT count(*) FROM operations) + (SELECT count(*) FROM checkpoints)
                    + (SELECT count(*) FROM images) + (SELECT count(*) FROM unfinished_imports)
                """));
        }
        finally
        {
            await store.DisposeAsync();
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A context for the form alone, on <paramref name="store"/>, logging to <paramref name="log"/>.</summary>
    private static BunitContext FormOn(IBoardStore store, ILoggerProvider log)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLogging(logging => logging.AddProvider(log));
        context.Services.AddSingleton(store);
        context.Services.AddSingleton(TimeProvider.System);
        context.Services.AddSingleton(new BoardRoomOptions());
        context.Services.AddSingleton<BoardRooms>();
        context.Services.AddSingleton<IBoardGrains, LocalBoardGrains>();
        context.Services.AddSingleton(new WhiteboardOptions());
        context.Services.AddSingleton<BoardCreationLimiter>();
        context.Services.AddSingleton<Whiteboard.App.Images.ImageCheck>();
        context.Services.AddSingleton<Whiteboard.App.Images.ImageUploadLimiter>();
        return context;
    }

    /// <summary>A board file with its history: <paramref name="count"/> rectangles drawn one after another, and an image placed first.</summary>
    private static async Task<string> BoardFileWithHistoryAsync(int count)
    {
        var author = ParticipantId.New();
        var png = TestImages.Png(4, 4, SKColors.Teal);
        var hash = ImageHash.Of(png);
        var state = new BoardState();
        var operations = new List<WholeHistoryOperation>(count);
        for (var sequence = 1; sequence <= count; sequence++)
        {
            BoardOperation operation = sequence == 1
                ? new PlaceImage(Ink.Id("picture"), hash, new BoardPoint(0, 0), new BoardPoint(4, 4))
                : Ink.Rectangle($"r{sequence}", sequence, 0, sequence + 5, 5);
            Assert.NotNull(state.Apply(author, operation).Change);
            operations.Add(new WholeHistoryOperation(sequence, author, operation, DateTimeOffset.UnixEpoch, "Ada", "#e03131"));
        }

        using var file = new MemoryStream();
        await BoardDocumentWriter.WriteAsync(file, "Half made", state.Elements(), [], CancellationToken.None,
            (_, _) => Task.FromResult<ImageRecord?>(new ImageRecord(hash, "image/png", Convert.ToBase64String(png))),
            new WholeHistory(0, null, operations, state.Capture()));
        return Encoding.UTF8.GetString(file.ToArray());
    }

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>A PostgreSQL store whose server went away: creating a board fails as Npgsql fails.</summary>
    private sealed class UnreachableDatabase : IBoardStore, IBoardImportStore
    {
        public const string Error = "Failed to connect to 10.1.2.3:5432";

        public Task CreateBoardAsync(BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken) =>
            Task.FromException(new NpgsqlException(Error));

        public Task BeginImportAsync(BoardRecord board, BoardStateRecord? content, CancellationToken cancellationToken) =>
            Task.FromException(new NpgsqlException(Error));

        public Task FinishImportAsync(BoardRecord board, CancellationToken cancellationToken) => Task.FromException(new NpgsqlException(Error));

        public Task AbandonImportAsync(BoardId board, CancellationToken cancellationToken) => Task.FromException(new NpgsqlException(Error));

        public Task<BoardRecord?> FindAsync(BoardKey key, CancellationToken cancellationToken) => Task.FromResult<BoardRecord?>(null);

        public Task<BoardRecord?> FindAsync(BoardId board, CancellationToken cancellationToken) => Task.FromResult<BoardRecord?>(null);

        public Task UpdateAsync(BoardRecord board, CancellationToken cancellationToken) => throw new NpgsqlException(Error);

        public Task AppendAsync(BoardId board, IReadOnlyList<StoredOperation> operations, DateTimeOffset changed, CancellationToken cancellationToken) =>
            throw new NpgsqlException(Error);

        public Task SaveSnapshotAsync(BoardId board, long sequence, BoardStateRecord state, CancellationToken cancellationToken) =>
            throw new NpgsqlException(Error);

        public Task<StoredBoard> LoadAsync(BoardId board, CancellationToken cancellationToken) => throw new NpgsqlException(Error);

        public Task<string?> CheckAsync(CancellationToken cancellationToken) => Task.FromResult<string?>("The PostgreSQL server cannot be reached.");
    }
}
