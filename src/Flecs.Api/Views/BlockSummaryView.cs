namespace Flecs.Api.Views;

/// <summary>A block header, as the explorer and the block stream show it.</summary>
/// <param name="Height">The height.</param>
/// <param name="Hash">The block hash (hex).</param>
/// <param name="PreviousHash">The parent hash (hex).</param>
/// <param name="Time">The sequencer's timestamp.</param>
/// <param name="Sealer">The sealing validator.</param>
/// <param name="Transactions">Transactions in the block.</param>
/// <param name="Accepted">Accepted transactions.</param>
public sealed record BlockSummaryView(long Height, string Hash, string PreviousHash, DateTimeOffset Time, string Sealer, int Transactions, int Accepted);
