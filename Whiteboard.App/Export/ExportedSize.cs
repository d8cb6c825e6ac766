using Whiteboard.Shared.Documents;
using Whiteboard.Shared.Elements;
using Whiteboard.Shared.State;

namespace Whiteboard.App.Export;

/// <summary>
/// How many bytes a board file takes, counted without keeping them: the file is written into a stream that only counts.
/// An export with its history is measured so before it is sent, since its history can make it larger than an import
/// takes; that costs one more writing of the file, its images read again, and no memory beyond the writer's buffer.
/// </summary>
public static class ExportedSize
{
    public static async Task<long> OfAsync(
        string name, IReadOnlyList<BoardElement> elements, IReadOnlyList<ChatMessage> chat,
        Func<string, CancellationToken, Task<ImageRecord?>> readImage, WholeHistory? history, CancellationToken cancellationToken)
    {
        await using var counted = new CountingStream();
        await BoardDocumentWriter.WriteAsync(counted, name, elements, chat, cancellationToken, readImage, history);
        return counted.Length;
    }

    /// <summary>A stream that keeps nothing written to it, only how many bytes were.</summary>
    private sealed class CountingStream : Stream
    {
        private long written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => written;

        public override long Position
        {
            get => written;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => written += count;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            written += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
