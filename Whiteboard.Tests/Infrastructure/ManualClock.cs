namespace Whiteboard.Tests.Infrastructure;

/// <summary>A clock that moves only when told to: timestamps and the wall clock together.</summary>
public sealed class ManualClock : TimeProvider
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    public long Ticks { get; set; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Ticks;

    public override DateTimeOffset GetUtcNow() => Start.AddTicks(Ticks);

    public void Advance(TimeSpan by) => Ticks += by.Ticks;
}
