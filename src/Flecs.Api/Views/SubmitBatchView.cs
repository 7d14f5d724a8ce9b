namespace Flecs.Api.Views;

/// <summary>One answer per submitted transaction, in order.</summary>
/// <param name="Results">The answers.</param>
public sealed record SubmitBatchView(IReadOnlyList<SubmissionView> Results);
