using System.Security.Cryptography;

namespace Whiteboard.Shared.Ids;

/// <summary>One person on one board, made by the server for each session; never taken from a client.</summary>
public readonly record struct ParticipantId
{
    private ParticipantId(string value) => Value = value;

    public string Value { get; }

    public static ParticipantId New() => new(Base64Url.Encode(RandomNumberGenerator.GetBytes(12)));

    public override string ToString() => Value;
}
