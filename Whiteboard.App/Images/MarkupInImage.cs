using System.Text;

namespace Whiteboard.App.Images;

/// <summary>
/// Finds markup a browser would run inside an image's bytes: a polyglot, a file that is a valid image and also an HTML
/// or SVG page with script, made to be opened as a page from the app's own origin. Looked for in the upload and in what
/// the app wrote again (pixels can be chosen so that their compressed form spells markup). The words are long enough
/// that compressed pixels spell one by chance about once in ten thousand 10 MB files.
/// </summary>
internal static class MarkupInImage
{
    private static readonly byte[][] Openings =
        [.. new[] { "<script", "<html", "<svg", "<!doctype", "<iframe", "<object", "<embed", "<body" }.Select(Encoding.ASCII.GetBytes)];

    /// <summary>The first markup opening found, without its case; null when there is none.</summary>
    public static string? Find(ReadOnlySpan<byte> bytes)
    {
        for (var at = bytes.IndexOf((byte)'<'); at >= 0; at = NextAngle(bytes, at))
        {
            foreach (var opening in Openings)
            {
                if (bytes.Length - at >= opening.Length && Ascii.EqualsIgnoreCase(bytes.Slice(at, opening.Length), opening))
                {
                    return Encoding.ASCII.GetString(opening);
                }
            }
        }

        return null;
    }

    private static int NextAngle(ReadOnlySpan<byte> bytes, int at)
    {
        var next = bytes[(at + 1)..].IndexOf((byte)'<');
        return next < 0 ? -1 : at + 1 + next;
    }
}
