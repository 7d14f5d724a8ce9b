using System.Diagnostics.CodeAnalysis;

namespace Flecs.Core.Results;

/// <summary>The outcome of an operation that returns a <typeparamref name="T"/>: a value, or an <see cref="Error"/>.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public readonly record struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>The error, when the operation failed.</summary>
    public Error? Error { get; }

    /// <summary>True when the operation succeeded and <see cref="Value"/> holds the value.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value; throws when the operation failed.</summary>
    public T Value => Error is null ? _value! : throw new InvalidOperationException($"The result failed with {Error}.");

    /// <summary>A successful result.</summary>
    public static Result<T> Ok(T value) => new(value, null);

    /// <summary>A failed result.</summary>
    public static Result<T> Fail(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new Result<T>(default, error);
    }

    /// <summary>A failed result with a code and message.</summary>
    public static Result<T> Fail(string code, string message) => new(default, new Error(code, message));

    /// <summary>Wraps a value.</summary>
    public static implicit operator Result<T>(T value) => Ok(value);

    /// <summary>Wraps an error.</summary>
    public static implicit operator Result<T>(Error error) => Fail(error);

    /// <summary>Gets the value when the result succeeded.</summary>
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return Error is null;
    }
}
