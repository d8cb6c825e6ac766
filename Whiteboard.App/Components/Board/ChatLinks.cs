using System.Text.RegularExpressions;

namespace Whiteboard.App.Components.Board;

/// <summary>
/// Splits a chat message into plain text and links: only absolute http and https addresses are links, so nothing
/// a message says (a javascript: or data: address, markup) ever runs or navigates the board's page.
/// </summary>
public static partial class ChatLinks
{
    /// <summary>The message's pieces in order: text (<c>Link</c> null) and links (<c>Text</c> as written).</summary>
    public static IEnumerable<(string Text, Uri? Link)> Split(string message)
    {
        var at = 0;
        foreach (Match match in Address().Matches(message))
        {
            // Punctuation closing a sentence is not part of the address it follows.
            var written = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '\'', '"');
            if (!Uri.TryCreate(written, UriKind.Absolute, out var link) || link.Scheme is not ("http" or "https"))
            {
                continue;
            }

            if (match.Index > at)
            {
                yield return (message[at..match.Index], null);
            }

            yield return (written, link);
            at = match.Index + written.Length;
        }

        if (at < message.Length)
        {
            yield return (message[at..], null);
        }
    }

    [GeneratedRegex(@"https?://\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
