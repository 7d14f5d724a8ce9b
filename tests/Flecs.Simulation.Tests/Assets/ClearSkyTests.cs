using Flecs.Simulation.Assets;

namespace Flecs.Simulation.Tests.Assets;

public sealed class ClearSkyTests
{
    // A dry, clean January sky at ≈ 2 260 m has a low Linke turbidity (the file's aerosol optical depth is 0.024).
    private const double JanuaryTurbidity = 2.0;

    [Fact]
    public void At_NsrdbDay_DailyEnergyAndPeakWithinTenPercentOfNsrdbClearSky()
    {
        var model = 0.0;
        var reference = 0.0;
        var modelPeak = 0.0;
        var referencePeak = 0.0;
        foreach (var row in ReferenceData.Nsrdb())
        {
            var (zenith, _) = SolarPosition.At(row.Time, ReferenceData.NsrdbSite);
            var (ghi, _, _) = ClearSky.At(zenith, row.Time, JanuaryTurbidity, ReferenceData.NsrdbAltitudeM);
            model += ghi;
            reference += row.ClearSkyGhi;
            modelPeak = Math.Max(modelPeak, ghi);
            referencePeak = Math.Max(referencePeak, row.ClearSkyGhi);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"daily energy ratio {model / reference:F3}, peak ratio {modelPeak / referencePeak:F3} ({modelPeak:F0} vs {referencePeak:F0} W/m²)");
        Assert.InRange(model / reference, 0.9, 1.1);
        Assert.InRange(modelPeak / referencePeak, 0.9, 1.1);
    }

    [Fact]
    public void At_SunBelowHorizon_IsZero()
    {
        Assert.Equal((0.0, 0.0, 0.0), ClearSky.At(95.0, 172, 3.5, 0));
    }

    [Fact]
    public void At_HigherTurbidity_LessBeamMoreDiffuseFraction()
    {
        var clean = ClearSky.At(40.0, 172, 2.0, 0);
        var hazy = ClearSky.At(40.0, 172, 5.0, 0);
        Assert.True(hazy.Dni < clean.Dni);
        Assert.True(hazy.Dhi / hazy.Ghi > clean.Dhi / clean.Ghi);
        Assert.Equal(clean.Ghi, clean.Dhi + (clean.Dni * Math.Cos(40.0 * Math.PI / 180.0)), 6);
    }
}
