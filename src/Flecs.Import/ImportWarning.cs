namespace Flecs.Import;

/// <summary>A problem a lenient parse stepped over: the part of the file it names was skipped, the rest was imported.</summary>
/// <remarks>
/// The code is the one a strict parse fails with for the same problem (an <see cref="ImportErrors"/> constant), and
/// the message names the position the same way, so a warning reads exactly like the error it replaces.
/// </remarks>
/// <param name="Code">The stable code, one of <see cref="ImportErrors"/>.</param>
/// <param name="Message">What was skipped and why, starting with its position in the file.</param>
public sealed record ImportWarning(string Code, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Code}: {Message}";
}
