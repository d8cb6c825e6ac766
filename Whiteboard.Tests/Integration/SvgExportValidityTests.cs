using System.Xml;
using Microsoft.AspNetCore.SignalR;
using Whiteboard.Bench.Hub;
using Whiteboard.Shared.Protocol;
using Whiteboard.Shared.Validation;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>Text XML cannot carry, sent by a program as text, a name or a board's name, is refused, and export.svg stays a document anyone can read.</summary>
public sealed class SvgExportValidityTests
{
    [Fact]
    public async Task Text_and_names_xml_forbids_are_refused_and_the_svg_export_stays_valid_xml()
    {
        await using var app = await RunningApp.StartAsync();
        using var http = app.CreateClient();
        var key = (await http.PostAsync(new Uri("/boards", UriKind.Relative), null)).Headers.Location!.ToString()[3..];
        await using var client = await BoardHubClient.ConnectAsync(app.Address, _ => Task.CompletedTask);
        await client.JoinAsync(key, "Writer");

        var kept = await client.SubmitAsync(
        [
            new BoardMessage("text", "kept", Points: [10, 10], Color: "#000000", Width: 4, Text: "kept"),
        ]);
        var refused = await client.SubmitAsync(
        [
            new BoardMessage("text", "broken", Points: [20, 20], Color: "#000000", Width: 4, Text: "half \uFFFE and \uD800"),
        ]);
        var renamed = await Assert.ThrowsAsync<HubException>(() => client.SetNameAsync("Bad \uFFFF"));

        Assert.True(kept.IsAccepted, kept.Rejection);
        Assert.False(refused.IsAccepted);
        Assert.Contains(MessageValidator.NoncharactersRefused, refused.Rejection, StringComparison.Ordinal);
        Assert.Contains(MessageValidator.NoncharactersRefused, renamed.Message, StringComparison.Ordinal);
        var svg = await http.GetStringAsync(new Uri($"/b/{key}/export.svg", UriKind.Relative));
        using var reader = XmlReader.Create(new StringReader(svg));
        while (reader.Read())
        {
            // Reading to the end is the test: a character XML forbids throws.
        }

        Assert.Contains(">kept<", svg, StringComparison.Ordinal);
    }
}
