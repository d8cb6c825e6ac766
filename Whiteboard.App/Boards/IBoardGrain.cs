namespace Whiteboard.App.Boards;

/// <summary>
/// A board's single writer in the cluster, keyed by the board's id (<see cref="BoardGrain"/>). What it is asked and
/// answers travels as the JSON of <see cref="RelayJson"/>.
/// </summary>
public interface IBoardGrain : IGrainWithStringKey
{
    /// <summary>A relay's requests (<see cref="RelayRequest"/>s) handled in order; the <see cref="RelayAnswers"/>.</summary>
    Task<byte[]> AskAsync(string relay, byte[] requests);

    /// <summary>What was published after a <see cref="RelayCursor"/>: a <see cref="RelayFeed"/>, waiting a while for news.</summary>
    Task<byte[]> ListenAsync(string relay, byte[] cursor);

    /// <summary>A relay leaves: its instance has nobody on the board any more.</summary>
    Task ForgetRelayAsync(string relay);
}

/// <summary>Finds a board's writer: the grain, wherever in the cluster it lives.</summary>
public interface IBoardGrains
{
    IBoardGrain Of(Whiteboard.Shared.Ids.BoardId board);
}

/// <summary>The board grains of the cluster this instance is in.</summary>
public sealed class ClusterBoardGrains(IGrainFactory grains) : IBoardGrains
{
    public IBoardGrain Of(Whiteboard.Shared.Ids.BoardId board) => grains.GetGrain<IBoardGrain>(board.Value);
}
