using System.Diagnostics.CodeAnalysis;

namespace Flecs.Core.Results;

/// <summary>The outcome of an operation that returns no value: success, or an <see cref="Error"/>.</summary>
public readonly record struct Result
{
    private Result(Error? error) => Error = error;

    /// <summary>The error, when the operation failed.</summary>
    public Error? Error { get; }

    /// <summary>True when the operation succeeded.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The successful result.</summary>
    public static Result Success => default;

    /// <summary>A failed result.</summary>
    public static Result Fail(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new Result(error);
    }

    /// <summary>A failed result with a code and message.</summary>
    public static Result Fail(string code, string message) => new(new Error(code, message));

    /// <summary>Converts an error into a failed result.</summary>
    public static implicit operator Result(Error error) => Fail(error);
}
