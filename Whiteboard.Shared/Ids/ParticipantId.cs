using System.Security.Cryptography;

namespace Whiteboard.Shared.Ids;

/// <summary>One person on one board, made by the server for each session; never taken from a client.</summary>
public readonly record struct ParticipantId
{
    private ParticipantId(string value) => Value = value;

    public string Value { get; }

    public static ParticipantId New() => new(Base64Url.Encode(RandomNumberGenerator.GetBytes(12)));

    /// <summary>An id the server made earlier and kept (in its store); never one sent by a client.</summary>
    public static ParticipantId Restore(string value) => new(value);

    public override string ToString() => Value;
}
