using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Whiteboard.App.Boards;
using Whiteboard.Bench.Hub;
using Whiteboard.Shared.Ids;
using Whiteboard.Shared.Validation;
using Whiteboard.Tests.Infrastructure;

namespace Whiteboard.Tests.Integration;

/// <summary>
/// What presence costs the others, through <c>/hubs/board</c>: a change costs what it says, however many are on
/// the board, and a flood of new names is refused past the rate and reaches nobody.
/// </summary>
public sealed partial class PresenceCostTests : HubBoardTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly JsonSerializerOptions AsSent = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>A program on the board, and the JSON of each presence update it was sent, in order.</summary>
    private async Task<ChannelReader<string>> JoinAsync(string key, string name)
    {
        var presence = Channel.CreateUnbounded<string>();
        var client = await BoardHubClient.ConnectAsync(App.Address, updates =>
        {
            foreach (var update in updates.Where(update => update.Kind == "presence"))
            {
                presence.Writer.TryWrite(JsonSerializer.Serialize(update, AsSent));
            }

            return Task.CompletedTask;
        });
        Clients.Add(client);
        await client.JoinAsync(key, name);
        return presence.Reader;
    }

    private static async Task<string> HeardAsync(ChannelReader<string> presence, string text)
    {
        while (true)
        {
            var update = await presence.ReadAsync().AsTask().WaitAsync(Patience);
            if (update.Contains(text, StringComparison.Ordinal))
            {
                return update;
            }
        }
    }

    [Fact]
    public async Task A_rename_flood_is_refused_past_the_rate_and_the_others_hear_only_the_names_kept()
    {
        var watcher = await JoinAsync(Board.ViewKey.Value, "Watcher");
        await JoinAsync(Board.EditKey.Value, "Flooder");
        var flooder = Clients[^1];

        List<string> kept = [];
        List<string> refusals = [];
        var started = Stopwatch.GetTimestamp();
        for (var i = 1; i <= 50; i++)
        {
            try
            {
                kept.Add(await flooder.SetNameAsync($"Flood {i}"));
            }
            catch (HubException refused)
            {
                refusals.Add(refused.Message);
            }
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Assert.NotEmpty(refusals);
        Assert.All(refusals, reason => Assert.Contains("Too many changes of names", reason, StringComparison.Ordinal));
        Assert.InRange(kept.Count, BoardLimits.RenameBurst, BoardLimits.RenameBurst + (int)Math.Ceiling(seconds * BoardLimits.RenamesPerSecond));

        // Someone joining after the flood is heard after all the flood caused: by then, only kept names were heard.
        await JoinAsync(Board.ViewKey.Value, "Latecomer");
        List<string> heard = [];
        while (true)
        {
            var update = await watcher.ReadAsync().AsTask().WaitAsync(Patience);
            heard.AddRange(FloodName().Matches(update).Select(match => match.Value));
            if (update.Contains("Latecomer", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.Subset(kept.ToHashSet(), heard.ToHashSet());
        Assert.Contains(kept[^1], heard);
    }

    [Fact]
    public async Task A_presence_change_costs_the_same_bytes_with_two_people_on_the_board_as_with_a_hundred_and_fifty()
    {
        var watcher = await JoinAsync(Board.ViewKey.Value, "Watcher");
        await JoinAsync(Board.EditKey.Value, "Renamer");
        var renamer = Clients[^1];
        await renamer.SetNameAsync("Renamed among few");
        var amongFew = await HeardAsync(watcher, "Renamed among few");

        // A classroom comes in (straight into the room: only its presence matters here).
        var rooms = App.Services.GetRequiredService<BoardRooms>();
        for (var i = 1; i <= 150; i++)
        {
            Assert.NotNull(await rooms.JoinAsync(Board.ViewKey, ParticipantId.New(), $"Pupil {i}", CancellationToken.None));
        }

        await HeardAsync(watcher, "Pupil 150");
        await renamer.SetNameAsync("Renamed among many");
        var amongMany = await HeardAsync(watcher, "Renamed among many");

        Assert.InRange(amongMany.Length, 1, amongFew.Length + 4);
        Assert.DoesNotContain("Pupil", amongMany, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Flood \d+")]
    private static partial Regex FloodName();
}
