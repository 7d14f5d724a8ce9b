using Flecs.Simulation.Assets;

namespace Flecs.Simulation.Tests.Assets;

public sealed class FuelPricesTests
{
    private static readonly PriceShock GasCrisis = new()
    {
        Fuel = "gas",
        From = new DateOnly(2022, 3, 1),
        To = new DateOnly(2022, 9, 30),
        Factor = 6,
        RampDays = 10,
    };

    [Fact]
    public void Price_InsideShock_FactorApplied()
    {
        var prices = new FuelPrices(new FuelOptions { Shocks = [GasCrisis] });
        Assert.Equal(35 * 6, prices.Price("gas", new DateOnly(2022, 6, 1)), 9);
        Assert.Equal(35, prices.Price("gas", new DateOnly(2022, 2, 28)), 9);
        Assert.Equal(35, prices.Price("gas", new DateOnly(2022, 11, 1)), 9);
        Assert.Equal(12, prices.Price("coal", new DateOnly(2022, 6, 1)), 9);
    }

    [Fact]
    public void Price_Ramps_RiseAndFallMonotonically()
    {
        var prices = new FuelPrices(new FuelOptions { Shocks = [GasCrisis] });
        var previous = 35.0;
        for (var d = new DateOnly(2022, 3, 1); d <= new DateOnly(2022, 3, 10); d = d.AddDays(1))
        {
            var p = prices.Price("gas", d);
            Assert.True(p > previous);
            previous = p;
        }

        Assert.Equal(210, previous, 9);
        for (var d = new DateOnly(2022, 10, 1); d <= new DateOnly(2022, 10, 11); d = d.AddDays(1))
        {
            var p = prices.Price("gas", d);
            Assert.True(p < previous);
            previous = p;
        }

        Assert.Equal(35, previous, 9);
    }

    [Fact]
    public void EurPerMwh_DuringGasShock_GasAboveCoal_AndBelowBefore()
    {
        var prices = new FuelPrices(new FuelOptions { Shocks = [GasCrisis] });
        var ccgt = new GeneratorOptions { Id = "ccgt", Technology = "gas-ccgt" };
        var coal = new GeneratorOptions { Id = "coal", Technology = "coal" };
        var wind = new GeneratorOptions { Id = "wind", Technology = "wind" };
        var before = new DateOnly(2022, 1, 15);
        var crisis = new DateOnly(2022, 7, 15);

        Assert.True(MarginalCost.EurPerMwh(ccgt, prices, before) < MarginalCost.EurPerMwh(coal, prices, before));
        Assert.True(MarginalCost.EurPerMwh(ccgt, prices, crisis) > 3 * MarginalCost.EurPerMwh(coal, prices, crisis));
        Assert.True(MarginalCost.EurPerMwh(wind, prices, crisis) < 5);

        // (35·6 + 0.202·80) / 0.55 + 3
        Assert.Equal(((210 + (0.202 * 80)) / 0.55) + 3, MarginalCost.EurPerMwh(ccgt, prices, crisis), 9);
    }

    [Fact]
    public void Co2_ShockOnCarbon_Applies()
    {
        var prices = new FuelPrices(new FuelOptions
        {
            Shocks = [new PriceShock { Fuel = "co2", From = new DateOnly(2023, 1, 1), To = new DateOnly(2023, 1, 31), Factor = 1.5, RampDays = 0 }],
        });
        Assert.Equal(120, prices.Co2(new DateOnly(2023, 1, 15)), 9);
        Assert.Equal(80, prices.Co2(new DateOnly(2023, 2, 15)), 9);
    }

    [Fact]
    public void GeneratorOptions_ExplicitValues_OverrideTechnologyDefaults()
    {
        var g = new GeneratorOptions { Technology = "lignite", Efficiency = 0.45 };
        Assert.Equal(0.45, g.EffectiveEfficiency);
        Assert.Equal(0.364, g.EffectiveEmissionTonnesPerMwhTh);
        Assert.Throws<ArgumentException>(() => new GeneratorOptions { Technology = "fusion" }.Defaults);
    }
}
