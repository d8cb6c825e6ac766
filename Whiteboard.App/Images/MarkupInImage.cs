using System.Text;

namespace Whiteboard.App.Images;

/// <summary>
/// Finds markup a browser would run inside an image's bytes: a polyglot, a file that is a valid image and also an HTML
/// or SVG page with script, made to be opened as a page from the app's own origin. Looked for in the upload and in what
/// the app wrote again (pixels can be chosen so that their compressed form spells markup). Compressed pixels are close
/// to random bytes, so each rule is long enough never to be met by chance: a short one (<c>&lt;html</c>) must be followed
/// by the end of a tag name, and <c>&lt;svg</c> also by an event handler (<c>onload=</c>) before its tag closes, which
/// is what makes an SVG run script. Together they refuse about one in a hundred thousand 10 MB photos by chance.
/// </summary>
public static class MarkupInImage
{
    /// <summary>Bytes after <c>&lt;svg</c> searched for an event handler: a tag's attributes, not the rest of the file.</summary>
    private const int SvgTagReach = 256;

    private static readonly (byte[] Opening, Rule Rule)[] Openings =
    [
        .. new[] { "<script", "<iframe", "<object", "<embed", "<!doctype" }.Select(opening => (Encoding.ASCII.GetBytes(opening), Rule.Alone)),
        .. new[] { "<html", "<body" }.Select(opening => (Encoding.ASCII.GetBytes(opening), Rule.TagNameEnds)),
        (Encoding.ASCII.GetBytes("<svg"), Rule.EventHandler),
    ];

    private enum Rule
    {
        /// <summary>The opening alone is markup.</summary>
        Alone,

        /// <summary>The opening is markup when the tag's name ends after it.</summary>
        TagNameEnds,

        /// <summary>The opening is markup when its tag's name ends after it and the tag has an event handler.</summary>
        EventHandler,
    }

    /// <summary>The first markup opening found, without its case; null when there is none.</summary>
    public static string? Find(ReadOnlySpan<byte> bytes)
    {
        for (var at = bytes.IndexOf((byte)'<'); at >= 0; at = NextAngle(bytes, at))
        {
            foreach (var (opening, rule) in Openings)
            {
                if (bytes.Length - at >= opening.Length && Ascii.EqualsIgnoreCase(bytes.Slice(at, opening.Length), opening)
                    && Holds(bytes[(at + opening.Length)..], rule))
                {
                    return Encoding.ASCII.GetString(opening);
                }
            }
        }

        return null;
    }

    private static bool Holds(ReadOnlySpan<byte> after, Rule rule) => rule switch
    {
        Rule.Alone => true,
        Rule.TagNameEnds => after.Length > 0 && EndsTagName(after[0]),
        _ => after.Length > 0 && EndsTagName(after[0]) && HasEventHandler(after[..Math.Min(after.Length, SvgTagReach)]),
    };

    private static bool EndsTagName(byte value) => value is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'/' or (byte)'>';

    /// <summary>Whether the tag's attributes, up to its end, hold one named on... with a value: onload=, onerror=...</summary>
    private static bool HasEventHandler(ReadOnlySpan<byte> tag)
    {
        var end = tag.IndexOf((byte)'>');
        tag = end < 0 ? tag : tag[..end];
        for (var i = 1; i + 3 < tag.Length; i++)
        {
            if (!EndsTagName(tag[i - 1]) || (tag[i] | 0x20) != 'o' || (tag[i + 1] | 0x20) != 'n')
            {
                continue;
            }

            var name = i + 2;
            while (name < tag.Length && char.IsAsciiLetter((char)tag[name]))
            {
                name++;
            }

            if (name > i + 2 && name < tag.Length && tag[name] == '=')
            {
                return true;
            }
        }

        return false;
    }

    private static int NextAngle(ReadOnlySpan<byte> bytes, int at)
    {
        var next = bytes[(at + 1)..].IndexOf((byte)'<');
        return next < 0 ? -1 : at + 1 + next;
    }
}
