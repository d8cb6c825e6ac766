using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Whiteboard.Shared.Ids;

namespace Whiteboard.App.Boards;

/// <summary>
/// Lets a browser keep its participant id across reloads (so its undo history is still its own)
/// without letting anyone claim another's id: the browser keeps a token the server signed and
/// encrypted, and only the server can read it.
/// </summary>
public sealed class ParticipantTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("Whiteboard.Participant.v1");

    public string Issue(ParticipantId participant) => protector.Protect(participant.Value);

    public bool TryRead(string? token, out ParticipantId participant)
    {
        participant = default;
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return false;
        }

        try
        {
            participant = ParticipantId.Restore(protector.Unprotect(token));
            return true;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return false;
        }
    }
}
