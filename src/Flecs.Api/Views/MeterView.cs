namespace Flecs.Api.Views;

/// <summary>A registered meter.</summary>
/// <param name="Id">The meter id.</param>
/// <param name="Owner">The player whose connection it measures.</param>
/// <param name="Signer">The key that signs its readings (hex).</param>
/// <param name="Zone">The grid zone.</param>
/// <param name="Level">The connection level.</param>
/// <param name="Kind">consumption, production or bidirectional.</param>
/// <param name="Renewable">Whether it measures a renewable source.</param>
/// <param name="MaxPowerWatts">The connection limit.</param>
/// <param name="From">The first interval read.</param>
/// <param name="PendingReadings">Readings waiting for the close.</param>
/// <param name="Estimates">Closed intervals settled on an estimate still open for a late reading.</param>
public sealed record MeterView(string Id, string Owner, string Signer, string Zone, string Level, string Kind, bool Renewable, long MaxPowerWatts, DateTimeOffset From, int PendingReadings, int Estimates);
