using System.Text.Json;
using Flecs.Import;
using Flecs.Settlement.Close;
using Microsoft.Data.Sqlite;

namespace Flecs.Cli.Tests;

/// <summary>
/// <c>flecs settlement|meter|invoice …</c> run as a user would, on a chain with 60-minute intervals. Settlement starts
/// at 2014-01-01T00:00Z, the day of the Green Button sample, with daily billing: the CLI's node stamps blocks with the
/// wall clock, so readings of that day are never "future" and its close is allowed, and closing through
/// 2014-01-02T00:00Z ends one billing period and issues its invoices.
/// </summary>
public sealed class SettlementCommandTests : IDisposable
{
    private const string Start = "2014-01-01T00:00Z";
    private const string DayEnd = "2014-01-02T00:00Z";
    private const long Period = 16_071; // 2014-01-01 in days since the epoch.

    private const string Config = """
        {
          "start": "2014-01-01T00:00Z",
          "mechanism": "pay-as-clear",
          "fallback_mpm_price_per_kwh": "0.07",
          "price_cap_per_kwh": "4",
          "retail_spread_per_kwh": "0.05",
          "feed_in_spread_per_kwh": "0.01",
          "fees": [
            { "level": "transmission", "withdrawal_per_kwh": "0.01", "injection_per_kwh": "0.002" },
            { "level": "medium-voltage", "withdrawal_per_kwh": "0.03", "injection_per_kwh": "0.001" },
            { "level": "low-voltage", "withdrawal_per_kwh": "0.08", "injection_per_kwh": "0" }
          ],
          "retailer": "retail",
          "grid_operators": { "transmission": "dso", "medium-voltage": "dso", "low-voltage": "dso" },
          "market_operator": "mo",
          "late_window_intervals": 48,
          "billing_days": 1
        }
        """;

    // 15-minute rows summed into one hour, a whole hour, a gap at 02:00 (not a zero: a second batch), then 03:00.
    private const string BobCsv = """
        meter,start,minutes,import_kwh,export_kwh
        B-1,2014-01-01T00:00Z,15,0.125,
        B-1,2014-01-01T00:15Z,15,0.125,
        B-1,2014-01-01T00:30Z,15,0.25,
        B-1,2014-01-01T00:45Z,15,0.5,
        B-1,2014-01-01T01:00Z,60,1.2,
        B-1,2014-01-01T03:00Z,60,0.8,

        """;

    private const string BadCsv = """
        meter,start,minutes,import_kwh,export_kwh
        B-1,2014-01-01T05:00Z,60,0.5,
        B-1,2014-01-01T06:00Z,60,abc,

        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "flecs-settlement-" + Guid.NewGuid().ToString("N"));

    private string Data => Path.Combine(_root, "data");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Lifecycle_ConfigureRegisterSubmitImportClose_InvoicesShowExportAndVerify()
    {
        var ct = TestContext.Current.CancellationToken;
        await SetUpChainAsync(ct);
        await Ok(ct, "settlement", "configure", "--data", Data, "--sender", "sa", "--config", Write("config.json", Config));

        // Meters: alice registers her own (a new key file), bob signs with an explicit --key, the SA registers carol's.
        await Ok(ct, "meter", "register", "--data", Data, "--sender", "alice", "--meter", "m-alice", "--owner", "alice", "--signer-key", Path.Combine(_root, "alice-meter.key"), "--create-signer-key",
            "--kind", "bidirectional", "--level", "low-voltage", "--zone", "z1", "--max-power-w", "10000", "--from", Start);
        await Ok(ct, "meter", "register", "--data", Data, "--sender", "bob", "--key", Path.Combine(Data, "keys", "bob.key"), "--meter", "m-bob", "--owner", "bob", "--signer-key", Path.Combine(_root, "bob-meter.key"), "--create-signer-key",
            "--kind", "consumption", "--level", "low-voltage", "--zone", "z1", "--max-power-w", "10000", "--from", Start);
        await Ok(ct, "meter", "register", "--data", Data, "--sender", "sa", "--meter", "m-carol", "--owner", "carol", "--signer-key", Path.Combine(_root, "carol-meter.key"), "--create-signer-key",
            "--kind", "consumption", "--level", "medium-voltage", "--zone", "z2", "--max-power-w", "10000", "--from", Start);
        await Fails(5, "settlement.meter.exists", ct, "meter", "register", "--data", Data, "--sender", "sa", "--meter", "m-carol", "--owner", "carol", "--signer-key", Path.Combine(_root, "carol-meter.key"),
            "--kind", "consumption", "--level", "medium-voltage", "--zone", "z2", "--max-power-w", "10000", "--from", Start, "--json");
        await Fails(2, "cli.usage", ct, "meter", "register", "--data", Data, "--sender", "sa", "--meter", "m-x", "--owner", "carol", "--signer-key", Path.Combine(_root, "carol-meter.key"),
            "--kind", "consumption", "--level", "medium-voltage", "--zone", "z2", "--max-power-w", "10000", "--from", "2014-01-01T00:30Z", "--json");

        // Readings: a signed batch from the command line (exact kWh), a duplicate, an inexact value, a wrong key.
        await Ok(ct, "meter", "submit", "--data", Data, "--sender", "alice", "--meter", "m-alice", "--meter-key", Path.Combine(_root, "alice-meter.key"), "--from", Start, "--values", "1.5:0.25,0.75:0");
        await Fails(5, "settlement.reading.duplicate", ct, "meter", "submit", "--data", Data, "--sender", "alice", "--meter", "m-alice", "--meter-key", Path.Combine(_root, "alice-meter.key"), "--from", Start, "--values", "1", "--json");
        await Fails(3, "cli.meter.bad-values", ct, "meter", "submit", "--data", Data, "--sender", "alice", "--meter", "m-alice", "--meter-key", Path.Combine(_root, "alice-meter.key"), "--from", "2014-01-01T05:00Z", "--values", "0.0000001", "--json");
        await Fails(3, "cli.meter.wrong-key", ct, "meter", "submit", "--data", Data, "--sender", "alice", "--meter", "m-alice", "--meter-key", Path.Combine(_root, "bob-meter.key"), "--from", "2014-01-01T05:00Z", "--values", "1", "--json");

        // Imports: bob's CSV (re-binned; the gap splits it into two batches) and the Green Button sample for carol.
        var csv = JsonDocument.Parse(await Ok(ct, "meter", "import", "--data", Data, "--sender", "bob", "--meter-key", Path.Combine(_root, "bob-meter.key"), "--file", Write("bob.csv", BobCsv), "--meter", "m-bob", "--json")).RootElement;
        Assert.Equal(2, csv.GetProperty("accepted").GetInt32());
        Assert.Equal(new[] { "2014-01-01T00:00Z", "2014-01-01T03:00Z" }, csv.GetProperty("batches").EnumerateArray().Select(b => b.GetProperty("first").GetString()!).ToArray());
        var greenButton = JsonDocument.Parse(await Ok(ct, "meter", "import", "--data", Data, "--sender", "sa", "--meter-key", Path.Combine(_root, "carol-meter.key"), "--file", GreenButtonSample, "--meter", "m-carol", "--json")).RootElement;
        var batch = Assert.Single(greenButton.GetProperty("batches").EnumerateArray());
        Assert.Equal("greenbutton", greenButton.GetProperty("format").GetString());
        Assert.Equal("2014-01-01T05:00Z", batch.GetProperty("first").GetString());
        Assert.Equal(216, batch.GetProperty("intervals").GetInt32());
        Assert.Equal("accepted", batch.GetProperty("status").GetString());
        var bad = await Fails(3, "import.csv.bad-value", ct, "meter", "import", "--data", Data, "--sender", "bob", "--meter-key", Path.Combine(_root, "bob-meter.key"), "--file", Write("bad.csv", BadCsv), "--meter", "m-bob", "--json");
        Assert.Contains("line 3", bad.GetProperty("message").GetString(), StringComparison.Ordinal);
        var carolMeter = JsonDocument.Parse(await Ok(ct, "meter", "show", "--data", Data, "--meter", "m-carol", "--json")).RootElement;
        Assert.Equal(216, carolMeter.GetProperty("pending").GetProperty("count").GetInt32());

        // Close the day: at a boundary, through the interval ending there; one period ends, so invoices are issued.
        await Fails(3, "cli.settlement.not-ended", ct, "settlement", "close", "--data", Data, "--through", "2999-01-01T00:00Z", "--json");
        await Fails(5, "settlement.not-permitted", ct, "settlement", "close", "--data", Data, "--sender", "alice", "--through", DayEnd, "--json");
        var close = JsonDocument.Parse(await Ok(ct, "settlement", "close", "--data", Data, "--through", DayEnd, "--json")).RootElement;
        Assert.Equal("ending-at", close.GetProperty("rule").GetString());
        Assert.Equal("2014-01-01T23:00Z/60m", close.GetProperty("through").GetString());
        Assert.Equal(24, Assert.Single(close.GetProperty("transactions").EnumerateArray()).GetProperty("intervals").GetInt32());
        var issued = close.GetProperty("invoices").EnumerateArray().ToList();
        Assert.Equal(new[] { "@mpm", "alice", "bob", "carol", "dso", "retail" }, issued.Select(i => i.GetProperty("account").GetString()!).ToArray());
        Assert.Equal(0m, issued.Sum(i => decimal.Parse(i.GetProperty("total").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
        var shown = JsonDocument.Parse(await Ok(ct, "settlement", "show", "--data", Data, "--json")).RootElement;
        Assert.Equal("2014-01-01T23:00Z/60m", shown.GetProperty("clock").GetProperty("closed_through").GetString());
        Assert.Equal(3, shown.GetProperty("meters").GetInt32());
        Assert.Equal("0.07", shown.GetProperty("config").GetProperty("fallback_mpm_price_per_kwh").GetString());

        // Invoices: the list, then the lines. Estimates repeat a meter's last actual reading.
        var list = JsonDocument.Parse(await Ok(ct, "invoice", "show", "--data", Data, "--account", "alice", "--json")).RootElement;
        Assert.Equal(Period, Assert.Single(list.GetProperty("periods").EnumerateArray()).GetProperty("period").GetInt64());
        Assert.Equal(("2.000000", "16.500000"), Metered(await ShowInvoiceAsync("alice", ct)));
        Assert.Equal(("3.000000", "17.200000"), Metered(await ShowInvoiceAsync("bob", ct)));
        var carolJson = await Ok(ct, "invoice", "show", "--data", Data, "--account", "carol", "--period", "16071", "--json");
        var carol = JsonDocument.Parse(carolJson).RootElement;
        Assert.Equal((CarolFirstDayKwh(), "0.000000"), Metered(carol));
        await Fails(3, "cli.invoice.not-found", ct, "invoice", "show", "--data", Data, "--account", "carol", "--period", "16072", "--json");
        await Fails(2, "cli.usage", ct, "invoice", "show", "--data", Data, "--account", "Carol!", "--json");

        // Export: CSV with a header and one row per line; JSON equal to show --json.
        await Ok(ct, "invoice", "export", "--data", Data, "--account", "carol", "--period", "16071", "--format", "csv", "--out", Path.Combine(_root, "carol.csv"));
        var rows = await File.ReadAllLinesAsync(Path.Combine(_root, "carol.csv"), ct);
        Assert.Equal("account,period,label,kind,reference,energy_kwh,money,certificates", rows[0]);
        Assert.Equal(carol.GetProperty("lines").GetArrayLength() + 1, rows.Length);
        await Ok(ct, "invoice", "export", "--data", Data, "--account", "carol", "--label", "2014-01-01+1d", "--format", "json", "--out", Path.Combine(_root, "carol.json"));
        Assert.Equal(carolJson.Trim(), (await File.ReadAllTextAsync(Path.Combine(_root, "carol.json"), ct)).Trim());

        // Verify: recomputed from the close receipts, with the two inclusion proofs of one interval's entry.
        var verified = JsonDocument.Parse(await Ok(ct, "invoice", "verify", "--data", Data, "--account", "carol", "--period", "16071", "--interval", "2014-01-01T05:00Z", "--json")).RootElement;
        Assert.All(verified.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("ok").GetBoolean(), c.GetProperty("detail").GetString()));
        var proof = verified.GetProperty("proof");
        Assert.True(proof.GetProperty("entry_to_interval_root").GetProperty("ok").GetBoolean());
        Assert.True(proof.GetProperty("interval_to_period_root").GetProperty("ok").GetBoolean());
        Assert.Equal(5, proof.GetProperty("interval_to_period_root").GetProperty("leaf_index").GetInt64());
        Assert.Equal("0.273000", proof.GetProperty("entry").GetProperty("lines")[0].GetProperty("energy_kwh").GetString());
        await Ok(ct, "invoice", "verify", "--data", Data, "--account=@mpm", "--label", "2014-01-01");
        await Fails(3, "cli.invoice.interval-outside", ct, "invoice", "verify", "--data", Data, "--account", "carol", "--period", "16071", "--interval", DayEnd, "--json");
        await Ok(ct, "ledger", "verify", "--data", Data);

        // A stored invoice that no longer sums from the receipts: verify exits 4 with the first mismatch.
        TamperInvoice("carol", Period);
        var (exit, output, error) = await FlecsProcess.RunAsync(ct, "invoice", "verify", "--data", Data, "--account", "carol", "--period", "16071", "--json");
        Assert.True(exit == 4, $"{output} {error}");
        Assert.Equal("cli.invoice.lines-mismatch", JsonDocument.Parse(output).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Configure_BadConfigurations_ExitThreeWithCodeAndTheLedgerRejectsUnknownAccounts()
    {
        var ct = TestContext.Current.CancellationToken;
        await Ok(ct, "init", "--data", Data, "--interval-minutes", "60");
        foreach (var bad in new[]
        {
            "{ not json",
            Config.Replace("\"billing_days\"", "\"billing_dayz\"", StringComparison.Ordinal),
            Config.Replace("\"0.07\"", "\"0.0700001\"", StringComparison.Ordinal),
            Config.Replace("\"0.07\"", "0.07", StringComparison.Ordinal),
            Config.Replace("2014-01-01T00:00Z", "2014-01-01T00:30Z", StringComparison.Ordinal),
            Config.Replace("\"low-voltage\", \"withdrawal_per_kwh\"", "\"medium-voltage\", \"withdrawal_per_kwh\"", StringComparison.Ordinal),
        })
        {
            await Fails(3, "cli.settlement.bad-config", ct, "settlement", "configure", "--data", Data, "--config", bad, "--json");
        }

        // Well-formed, but the retailer and operators are not registered players: the ledger's rule.
        await Fails(5, "settlement.config.invalid", ct, "settlement", "configure", "--data", Data, "--config", Config, "--json");
        var shown = JsonDocument.Parse(await Ok(ct, "settlement", "show", "--data", Data, "--json")).RootElement;
        Assert.False(shown.GetProperty("configured").GetBoolean());
    }

    /// <summary>The Green Button sample, read from the importer tests' samples in the repository.</summary>
    private static string GreenButtonSample
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Flecs.slnx")))
            {
                dir = dir.Parent;
            }

            Assert.NotNull(dir);
            return Path.Combine(dir.FullName, "tests", "Flecs.Import.Tests", "Samples", "greenbutton", "TestGBDataHourlyNineDaysBinnedDaily.xml");
        }
    }

    /// <summary>Carol's metered kWh on 2014-01-01, summed independently from the parsed sample.</summary>
    private static string CarolFirstDayKwh()
    {
        var series = Assert.Single(GreenButtonReadings.Parse(File.ReadAllText(GreenButtonSample)).Value);
        var mwh = series.Intervals.Where(i => i.StartUnixSeconds < 1_388_620_800).Sum(i => i.ImportMilliwattHours);
        return (mwh / 1_000_000m).ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static (string Actual, string Estimated) Metered(JsonElement invoice)
    {
        var metered = invoice.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("kind").GetString() == "metered").ToDictionary(l => l.GetProperty("reference").GetString()!, l => l.GetProperty("energy_kwh").GetString()!, StringComparer.Ordinal);
        return (metered.GetValueOrDefault(string.Empty, "-"), metered.GetValueOrDefault("estimated", "-"));
    }

    private async Task<JsonElement> ShowInvoiceAsync(string account, CancellationToken ct) =>
        JsonDocument.Parse(await Ok(ct, "invoice", "show", "--data", Data, "--account", account, "--period", "16071", "--json")).RootElement;

    private async Task SetUpChainAsync(CancellationToken ct)
    {
        await Ok(ct, "init", "--data", Data, "--interval-minutes", "60");
        foreach (var (id, role) in new[] { ("mo", "market-operator"), ("retail", "tradco"), ("dso", "distco"), ("alice", "prosumer"), ("bob", "prosumer"), ("carol", "prosumer") })
        {
            await Ok(ct, "player", "register", "--data", Data, "--id", id, "--role", role);
            await Ok(ct, "player", "authorize", "--data", Data, "--id", id);
        }
    }

    /// <summary>Adds 1 µ to the first line of a stored invoice, directly in the SQLite state (made a snapshot at the head first, as the node does once its state log has grown).</summary>
    private void TamperInvoice(string account, long period)
    {
        using (var store = Flecs.Storage.Sqlite.SqliteLedgerStore.Open(Path.Combine(Data, "ledger.db"), create: false, snapshotAfterLogBytes: 1))
        {
            var head = store.ReadState();
            Assert.True(store.CompactIfDue(() => head));
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(Data, "ledger.db"), Pooling = false }.ToString());
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT value FROM state WHERE key = $key";
        read.Parameters.AddWithValue("$key", Invoice.StateKey(account, period));
        var invoice = Invoice.Decode((byte[])read.ExecuteScalar()!);
        var tampered = invoice with { Lines = invoice.Lines.SetItem(0, invoice.Lines[0] with { Money = invoice.Lines[0].Money + 1 }) };
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE state SET value = $value WHERE key = $key";
        write.Parameters.AddWithValue("$key", Invoice.StateKey(account, period));
        write.Parameters.AddWithValue("$value", tampered.Encode());
        Assert.Equal(1, write.ExecuteNonQuery());
    }

    private string Write(string name, string content)
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<string> Ok(CancellationToken ct, params string[] args)
    {
        var (exit, output, error) = await FlecsProcess.RunAsync(ct, args);
        Assert.True(exit == 0, $"flecs {string.Join(' ', args)} exited {exit}: {output} {error}");
        return output;
    }

    /// <summary>Runs a command with --json that must fail: its exit code and error code; returns the error object.</summary>
    private static async Task<JsonElement> Fails(int exitCode, string code, CancellationToken ct, params string[] args)
    {
        var (exit, output, error) = await FlecsProcess.RunAsync(ct, args);
        Assert.True(exit == exitCode, $"flecs {string.Join(' ', args)} exited {exit}, not {exitCode}: {output} {error}");
        var json = JsonDocument.Parse(output).RootElement;
        var found = json.TryGetProperty("error", out var e) ? e.GetProperty("code").GetString() : json.GetProperty("code").GetString();
        Assert.Equal(code, found);
        return json.TryGetProperty("error", out var err) ? err : json;
    }
}
