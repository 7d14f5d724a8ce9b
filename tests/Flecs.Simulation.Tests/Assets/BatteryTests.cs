using Flecs.Simulation.Assets;

namespace Flecs.Simulation.Tests.Assets;

public sealed class BatteryTests
{
    [Fact]
    public void Step_LargeSurplus_ChargesAtPowerLimitUntilMaxSoc()
    {
        var battery = new Battery(new BatteryOptions());
        var first = battery.Step(-8000, 15);
        Assert.Equal(5000, first.ChargeW, 9);
        Assert.Equal(-3000, first.GridW, 9);
        for (var i = 0; i < 10; i++)
        {
            battery.Step(-8000, 15);
        }

        Assert.Equal(9.5, battery.SocKwh, 9);
        var full = battery.Step(-8000, 15);
        Assert.Equal(0, full.ChargeW, 9);
        Assert.Equal(-8000, full.GridW, 9);
    }

    [Fact]
    public void Step_LargeDeficit_DischargesAtPowerLimitDownToMinSoc()
    {
        var battery = new Battery(new BatteryOptions());
        var first = battery.Step(9000, 15);
        Assert.Equal(5000, first.DischargeW, 9);
        Assert.Equal(4000, first.GridW, 9);
        for (var i = 0; i < 40; i++)
        {
            battery.Step(9000, 15);
        }

        Assert.Equal(1.0, battery.SocKwh, 9);
        Assert.Equal(0, battery.Step(9000, 15).DischargeW, 9);
    }

    [Fact]
    public void Step_ArbitraryFlows_ConservesEnergyWithEfficiency()
    {
        var options = new BatteryOptions { RoundTripEfficiency = 0.9 };
        var battery = new Battery(options);
        var eta = Math.Sqrt(0.9);
        var start = battery.SocKwh;
        double charged = 0, discharged = 0;
        for (var i = 0; i < 2000; i++)
        {
            var net = 6000 * Math.Sin(i / 37.0) + (1500 * Math.Cos(i / 5.0));
            var step = battery.Step(net, 1);
            Assert.True(step.ChargeW >= 0 && step.DischargeW >= 0);
            Assert.False(step.ChargeW > 0 && step.DischargeW > 0);
            Assert.Equal(net, step.GridW + step.DischargeW - step.ChargeW, 9);
            Assert.InRange(battery.SocKwh, 1.0 - 1e-9, 9.5 + 1e-9);
            Assert.True(step.ChargeW <= 5000 + 1e-9 && step.DischargeW <= 5000 + 1e-9);
            charged += step.ChargeW / 60_000.0;
            discharged += step.DischargeW / 60_000.0;
        }

        Assert.Equal(start + (charged * eta) - (discharged / eta), battery.SocKwh, 9);
    }

    [Fact]
    public void Step_BalancedHouse_DoesNothing()
    {
        var battery = new Battery(new BatteryOptions());
        Assert.Equal(new BatteryStep(0, 0, 0), battery.Step(0, 1));
        Assert.Equal(5.0, battery.SocKwh);
    }
}
