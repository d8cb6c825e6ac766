namespace Whiteboard.Shared.Validation;

/// <summary>Either a value that passed validation or the reason it did not.</summary>
public readonly record struct Validated<T>(T? Value, string? Error)
{
    public bool IsValid => Error is null;

    public static Validated<T> Ok(T value) => new(value, null);

    public static Validated<T> Reject(string reason) => new(default, reason);
}
