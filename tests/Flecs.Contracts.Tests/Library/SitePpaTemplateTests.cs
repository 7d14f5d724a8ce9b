using Flecs.Contracts.Library;
using Flecs.Contracts.Runtime;
using Flecs.Contracts.Values;

namespace Flecs.Contracts.Tests.Library;

/// <summary>The standard <c>site-ppa</c> template: delivered energy at a fixed price; off-site the offtaker also pays the network tariff.</summary>
public sealed class SitePpaTemplateTests
{
    // Generator exports 200,000,000 then 90,012,345 mWh; the offtaker imports 150,000,000 then 120,000,000 mWh.
    private const string Series = """{ "start": "2026-01-31T23:00Z", "minutes": 15, "count": 2, "meters": { "generator": { "import": 0, "export": [200000000, 90012345] }, "offtaker": { "import": [150000000, 120000000], "export": 0 } } }""";

    [Fact]
    public void Run_OnSite_PaysTheGeneratorOnlyAndNoNetworkCharge()
    {
        // The tariff is given but does not apply on-site.
        var outcomes = Run("""{ "price": 70000, "offsite": false, "networkTariff": 25000 }""", Series);

        // min(200,000,000, 150,000,000) = 150,000,000 mWh; × 70,000 µ/kWh / 10^6 = 10,500,000 µ.
        Assert.Equal<Allocation>([new("generator", "offtaker", 150_000_000, "ppa")], outcomes[0].Allocations);
        Assert.Equal<Payment>([new("offtaker", "generator", 10_500_000, "ppa energy")], outcomes[0].Payments);

        // min(90,012,345, 120,000,000) = 90,012,345 mWh; × 70,000 / 10^6 = 6,300,864.15 → 6,300,864 µ.
        Assert.Equal<Allocation>([new("generator", "offtaker", 90_012_345, "ppa")], outcomes[1].Allocations);
        Assert.Equal<Payment>([new("offtaker", "generator", 6_300_864, "ppa energy")], outcomes[1].Payments);
    }

    [Fact]
    public void Run_OffSite_AlsoPaysTheNetworkTariffOnDeliveredEnergy()
    {
        var outcomes = Run("""{ "price": 70000, "offsite": true, "networkTariff": 25000 }""", Series);

        // 150,000,000 mWh × 70,000 µ/kWh / 10^6 = 10,500,000 µ to the generator;
        // 150,000,000 mWh × 25,000 µ/kWh / 10^6 = 3,750,000 µ to the network.
        Assert.Equal<Allocation>([new("generator", "offtaker", 150_000_000, "ppa")], outcomes[0].Allocations);
        Assert.Equal<Payment>([new("offtaker", "generator", 10_500_000, "ppa energy"), new("offtaker", "network", 3_750_000, "network")], outcomes[0].Payments);

        // 90,012,345 × 70,000 / 10^6 = 6,300,864.15 → 6,300,864 µ; 90,012,345 × 25,000 / 10^6 = 2,250,308.625 → 2,250,309 µ.
        Assert.Equal<Payment>([new("offtaker", "generator", 6_300_864, "ppa energy"), new("offtaker", "network", 2_250_309, "network")], outcomes[1].Payments);
    }

    [Fact]
    public void Run_OffSiteWithoutTariff_Throws()
    {
        var result = RunRaw("""{ "price": 70000, "offsite": true }""", Series);

        Assert.False(result.IsSuccess);
        Assert.Equal(ContractErrors.Threw, result.Error.Code);
    }

    [Fact]
    public void RunSeries_MissingOffsite_FailsWithInvalidParams()
    {
        var result = RunRaw("""{ "price": 70000, "networkTariff": 25000 }""", Series);

        Assert.False(result.IsSuccess);
        Assert.Equal(ContractErrors.InvalidParameters, result.Error.Code);
    }

    private static Flecs.Core.Results.Result<IReadOnlyList<IntervalOutcome>> RunRaw(string parameters, string seriesJson)
    {
        var series = SeriesInput.FromValue(ContractValue.ParseJson(seriesJson).Value);
        Assert.True(series.IsSuccess, series.IsSuccess ? string.Empty : series.Error.ToString());
        return new ContractRuntime().RunSeries(StandardLibrary.Get("site-ppa"), ContractValue.ParseJson(parameters).Value, null, series.Value);
    }

    private static IReadOnlyList<IntervalOutcome> Run(string parameters, string seriesJson)
    {
        var result = RunRaw(parameters, seriesJson);
        Assert.True(result.IsSuccess, result.IsSuccess ? string.Empty : result.Error.ToString());
        return result.Value;
    }
}
