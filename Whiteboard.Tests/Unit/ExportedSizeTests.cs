using Whiteboard.App.Export;
using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Operations;
using Whiteboard.Shared.State;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Unit;

/// <summary>
/// An export with its history is refused (413) when its file would be larger than an import takes: the size it goes by is
/// counted by writing the file without keeping it, and is the file's own, byte for byte, history and images included.
/// </summary>
public sealed class ExportedSizeTests
{
    [Fact]
    public async Task The_size_counted_is_that_of_the_file_written_with_its_history_and_images()
    {
        var author = ParticipantId.New();
        var image = new ImageRecord(new string('a', 64), "image/png", Convert.ToBase64String(new byte[3_000]));
        IReadOnlyList<BoardElement> elements = [new Image(Ink.Id("i1"), author, image.Hash!, new BoardPoint(0, 0), new BoardPoint(5, 5))];
        IReadOnlyList<ChatMessage> chat = [new ChatMessage(1, "Ada", "#e03131", DateTimeOffset.UnixEpoch, "hello")];
        var history = new WholeHistory(0, null,
            [new WholeHistoryOperation(1, author, new ClearBoard(Ink.Op("clear")), DateTimeOffset.UnixEpoch, "Ada", "#e03131")],
            new BoardStateRecord(BoardStateRecord.CurrentVersion, [], [], []));
        Task<ImageRecord?> ReadImage(string hash, CancellationToken cancellationToken) => Task.FromResult<ImageRecord?>(hash == image.Hash ? image : null);

        using var file = new MemoryStream();
        await BoardDocumentWriter.WriteAsync(file, "Board", elements, chat, CancellationToken.None, ReadImage, history);
        var counted = await ExportedSize.OfAsync("Board", elements, chat, ReadImage, history, CancellationToken.None);

        Assert.True(file.Length > 4_000, "the file carries the image's bytes");
        Assert.Equal(file.Length, counted);
    }
}
