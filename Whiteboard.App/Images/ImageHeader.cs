namespace Whiteboard.App.Images;

/// <summary>
/// An upload whose size, markup and header were checked (<see cref="ImageCheck.ReadHeader"/>), not yet decoded: what its
/// header says of its size in pixels, which is what decoding it will cost.
/// </summary>
public sealed record ImageHeader(ReadOnlyMemory<byte> Upload, int Width, int Height)
{
    public long Pixels => (long)Width * Height;
}
