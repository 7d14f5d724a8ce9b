using Flecs.Simulation.Report;

namespace Flecs.Simulation.Tests.Report;

public sealed class ReportFormatTests
{
    [Theory]
    [InlineData(12.345, "12.3 kWh")]
    [InlineData(1_234.6, "1,235 kWh")]
    [InlineData(12_345, "12.3 MWh")]
    [InlineData(12_345_678, "12.35 GWh")]
    [InlineData(-12_345, "\u221212.3 MWh")]
    public void Energy_Magnitudes_PickAReadableUnit(double kwh, string expected) => Assert.Equal(expected, ReportFormat.Energy(kwh));

    [Theory]
    [InlineData(12.345, "\u20AC12.35")]
    [InlineData(-1_234.6, "\u2212\u20AC1,235")]
    [InlineData(-0.001, "\u20AC0.00")]
    [InlineData(1_234_567, "\u20AC1,234,567")]
    public void Money_Amounts_UseThousandsSeparatorsAndATrueMinus(double eur, string expected) => Assert.Equal(expected, ReportFormat.Money(eur));

    [Fact]
    public void Price_PercentAndDate_AreInvariant()
    {
        Assert.Equal("1,234.50 \u20AC/MWh", ReportFormat.Price(1_234.5));
        Assert.Equal("42.1%", ReportFormat.Percent(0.4211));
        Assert.Equal("2025-06-02 13:05 UTC", ReportFormat.Date(new DateTimeOffset(2025, 6, 2, 15, 5, 0, TimeSpan.FromHours(2))));
        Assert.Equal("\u2013", ReportFormat.Number(double.NaN, 1));
    }

    [Theory]
    [InlineData(4.24, "4.2 s")]
    [InlineData(185, "3 min 05 s")]
    [InlineData(3_725, "1 h 02 min")]
    public void Duration_Seconds_ReadLikeAClock(double seconds, string expected) => Assert.Equal(expected, ReportFormat.Duration(seconds));
}
