namespace Flecs.Api.Views;

/// <summary>One closed interval: prices and flows over all accounts (public aggregates).</summary>
/// <param name="Interval">The interval index.</param>
/// <param name="Start">The interval start.</param>
/// <param name="MpmPriceMicrosPerKwh">The main market's uniform price.</param>
/// <param name="MpmCleared">Whether the merit order set it (otherwise the fallback).</param>
/// <param name="SpmPriceMicrosPerKwh">The local auction's price, if it cleared.</param>
/// <param name="SpmVolumeMilliwattHours">The local auction's volume.</param>
/// <param name="ImportMilliwattHours">Metered consumption.</param>
/// <param name="ExportMilliwattHours">Metered production.</param>
/// <param name="ContractMilliwattHours">Energy delivered under contracts.</param>
/// <param name="GridImportMilliwattHours">Residual energy players bought from the grid (the positive P2G lines of players; interface accounts such as @mpm excluded).</param>
/// <param name="GridExportMilliwattHours">Residual energy players fed into the grid (the negative P2G lines, negated).</param>
/// <param name="Accounts">Accounts with a journal entry.</param>
/// <param name="Failures">Contracts that failed.</param>
public sealed record IntervalView(long Interval, DateTimeOffset Start, long MpmPriceMicrosPerKwh, bool MpmCleared, long? SpmPriceMicrosPerKwh, long SpmVolumeMilliwattHours, long ImportMilliwattHours, long ExportMilliwattHours, long ContractMilliwattHours, long GridImportMilliwattHours, long GridExportMilliwattHours, int Accounts, int Failures);
