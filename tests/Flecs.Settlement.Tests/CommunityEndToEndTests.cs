using Flecs.Ledger.Encoding;
using Flecs.Node.Sequencing;
using Flecs.Settlement.Close;

namespace Flecs.Settlement.Tests;

public sealed class CommunityEndToEndTests
{
    private static readonly Dictionary<string, (string Owner, string Level)> Meters = new(StringComparer.Ordinal)
    {
        ["m-p1"] = ("p1", "low-voltage"),
        ["m-p2"] = ("p2", "low-voltage"),
        ["m-p3"] = ("p3", "low-voltage"),
        ["m-p4"] = ("p4", "low-voltage"),
        ["m-p5"] = ("p5", "low-voltage"),
        ["m-h1"] = ("h1", "low-voltage"),
        ["m-h2"] = ("h2", "low-voltage"),
        ["m-h3"] = ("h3", "low-voltage"),
        ["m-solar"] = ("solar", "transmission"),
        ["m-wind"] = ("wind", "transmission"),
    };

    [Fact]
    public async Task TwoDaysAtOneMinute_CommunityThroughTheNode_InvoicesEqualTheIndependentExpectation()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var c = await Community.CreateAsync(ct);
        await Community.ExpectAsync(() => c.ConfigureAsync(Community.Config(), ct));
        await c.RegisterMetersAsync(ct);
        await c.MakeContractsAsync(ct);
        await c.PlaceOrdersAsync(48, ct);

        // p5's meter misses one interval on day 1; its reading arrives late on day 2 and replaces the estimate.
        var missing = Community.Start + 150;
        const int LateHour = 30;
        var closes = new List<Submission>();
        for (var hour = 0; hour < 48; hour++)
        {
            var last = Community.Start + (hour * 60L) + 59;
            c.AfterEndOf(last);
            await c.SubmitHourAsync(hour, ("m-p5", missing), ct);
            if (hour == LateHour)
            {
                await Community.ExpectAsync(() => c.ReadingsAsync("p5", [c.Batch("m-p5", missing, 1, Community.MeterKey("m-p5"))], ct));
            }

            var close = await c.CloseAsync(last, ct);
            Assert.True(close.IsAccepted, close.RejectionCode);
            closes.Add(close);
        }

        // The independent expectation.
        var expected = new Model.Ledger();
        var contracts = c.Contracts.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var estimate = Model.Reading("m-p5", missing - 1);
        long estimatedResidual = 0;
        for (var t = Community.Start; t < Community.Start + 2_880; t++)
        {
            if (t == Community.Start + (LateHour * 60L))
            {
                var actual = Model.Reading("m-p5", missing);
                var delta = actual.Net - estimate.Net;
                // Invoices sum correction lines over the corrected intervals (reference ""); the interval records name the interval.
                var reference = string.Empty;
                expected.Add("p5", t, LineKind.MeteredCorrection, reference, delta, 0);
                expected.Add("p5", t, LineKind.Correction, reference, delta, 0);
                expected.Add("@mpm", t, LineKind.Correction, reference, -delta, 0);
                var before = Money(Model.P2g("p5", "low-voltage", estimatedResidual, Model.MpmPrice(missing)));
                var after = Money(Model.P2g("p5", "low-voltage", estimatedResidual + delta, Model.MpmPrice(missing)));
                foreach (var account in before.Keys.Union(after.Keys))
                {
                    expected.Add(account, t, LineKind.Correction, reference, 0, after.GetValueOrDefault(account) - before.GetValueOrDefault(account));
                }
            }

            var residuals = Model.Settle(expected, t, Meters, t == missing ? "m-p5" : null, estimate, contracts);
            if (t == missing)
            {
                estimatedResidual = residuals["p5"];
            }
        }

        // Every account's invoice of both days equals the expectation, line by line.
        var days = new[] { Community.Start * 60 / 86_400, (Community.Start * 60 / 86_400) + 1 };
        foreach (var ((account, day), lines) in expected.Lines)
        {
            var invoice = c.Invoice(account, day);
            Assert.NotNull(invoice);
            var want = lines.Select(l => $"{(LineKind)l.Key.Kind} '{l.Key.Reference}' {l.Value[0]} mWh {l.Value[1]} µ {l.Value[2]} cert");
            var got = invoice.Lines.Select(l => $"{l.Kind} '{l.Reference}' {l.Energy} mWh {l.Money} µ {l.Certificates} cert");
            Assert.Equal(want, got);
            Assert.Equal(1_440, invoice.Intervals);
        }

        Assert.Contains(expected.Lines.Keys, k => k.Account == "p5" && k.Day == days[1] && expected.Lines[k].ContainsKey(((int)LineKind.Correction, string.Empty)));

        // Money sums to zero per interval (every interval record) and per billing period (every day's invoices).
        var intervals = 0;
        foreach (var close in closes)
        {
            foreach (var (_, money, failures) in Records(close.Receipt!.Output))
            {
                Assert.Equal(0, money);
                Assert.Equal(0, failures);
                intervals++;
            }
        }

        Assert.Equal(2_880, intervals);
        foreach (var day in days)
        {
            var total = expected.Lines.Keys.Where(k => k.Day == day).Sum(k => c.Invoice(k.Account, day)!.Total);
            Assert.Equal(0, total);
        }

        // Energy balances per player over each day: metered (with corrections) = contracts + SPM + P2G (with corrections).
        foreach (var ((account, day), _) in expected.Lines.Where(k => k.Key.Account != "@mpm"))
        {
            var invoice = c.Invoice(account, day)!;
            var metered = invoice.Lines.Where(l => l.Kind is LineKind.Metered or LineKind.MeteredCorrection).Sum(l => l.Energy);
            var covered = invoice.Lines.Where(l => l.Kind is LineKind.Contract or LineKind.Spm or LineKind.P2gEnergy or LineKind.Correction).Sum(l => l.Energy);
            Assert.Equal(metered, covered);
        }
    }

    private static Dictionary<string, long> Money(IEnumerable<(string Account, LineKind Kind, string Reference, long Energy, long Money)> lines)
    {
        var money = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            money[line.Account] = money.GetValueOrDefault(line.Account) + line.Money;
        }

        return money;
    }

    /// <summary>Each interval record of a close receipt: its interval, the sum of its money and its number of contract failures.</summary>
    internal static IEnumerable<(long Interval, long Money, int Failures)> Records(ReadOnlyMemory<byte> output)
    {
        var r = Cbor.NewReader(output);
        r.ReadArrayOf(2);
        var count = r.ReadStartArray() ?? 0;
        var records = new List<(long, long, int)>(count);
        for (var i = 0; i < count; i++)
        {
            r.ReadArrayOf(8);
            var interval = r.ReadInt64();
            r.SkipValue();
            r.SkipValue();
            r.SkipValue();
            r.SkipValue();
            var failures = r.ReadStartArray() ?? 0;
            for (var f = 0; f < failures; f++)
            {
                r.SkipValue();
            }

            r.ReadEndArray();
            r.SkipValue();
            long money = 0;
            var entries = r.ReadStartArray() ?? 0;
            for (var e = 0; e < entries; e++)
            {
                r.ReadArrayOf(2);
                r.ReadTextString();
                var lines = r.ReadStartArray() ?? 0;
                for (var l = 0; l < lines; l++)
                {
                    money += JournalLine.Read(r).Money;
                }

                r.ReadEndArray();
                r.ReadEndArray();
            }

            r.ReadEndArray();
            r.ReadEndArray();
            records.Add((interval, money, failures));
        }

        return records;
    }
}
