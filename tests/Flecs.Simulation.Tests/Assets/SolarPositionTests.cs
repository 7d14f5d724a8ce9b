using Flecs.Simulation.Assets;

namespace Flecs.Simulation.Tests.Assets;

public sealed class SolarPositionTests
{
    [Fact]
    public void At_NsrdbDay_MatchesTheFileZenithWithinAQuarterDegree()
    {
        var worst = 0.0;
        var compared = 0;
        foreach (var row in ReferenceData.Nsrdb())
        {
            if (row.Zenith > 85)
            {
                continue;
            }

            var (zenith, _) = SolarPosition.At(row.Time, ReferenceData.NsrdbSite);
            worst = Math.Max(worst, Math.Abs(zenith - row.Zenith));
            compared++;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{compared} rows, largest zenith error {worst:F3}°");
        Assert.True(compared > 80, $"only {compared} daytime rows");
        Assert.True(worst < 0.25, $"largest zenith error {worst:F3}°");
    }

    [Fact]
    public void At_SolarNoonOnJuneSolstice_ZenithIsLatitudeMinusDeclination()
    {
        // 12:00 UTC at longitude 0 is within two minutes of solar noon; δ ≈ 23.44°.
        var (zenith, azimuth) = SolarPosition.At(new DateTimeOffset(2024, 6, 21, 12, 0, 0, TimeSpan.Zero), new Location(51.0, 0.0));
        Assert.InRange(zenith, 51.0 - 23.44 - 0.1, 51.0 - 23.44 + 0.1);
        Assert.InRange(azimuth, 178.0, 182.0);
    }

    [Fact]
    public void At_Morning_SunIsInTheEast()
    {
        var (zenith, azimuth) = SolarPosition.At(new DateTimeOffset(2024, 3, 20, 7, 0, 0, TimeSpan.Zero), new Location(50.0, 10.0));
        Assert.InRange(zenith, 60.0, 90.0);
        Assert.InRange(azimuth, 90.0, 135.0);
    }
}
