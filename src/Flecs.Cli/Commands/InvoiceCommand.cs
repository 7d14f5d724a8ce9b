using System.CommandLine;
using System.Globalization;
using System.Text;
using Flecs.Cli.Output;
using Flecs.Cli.Settlement;
using Flecs.Core.Results;
using Flecs.Core.Time;
using Flecs.Ledger.Encoding;
using Flecs.Node.Sequencing;
using Flecs.Settlement;
using Flecs.Settlement.Close;
using Flecs.Settlement.Config;
using Spectre.Console;

namespace Flecs.Cli.Commands;

/// <summary><c>flecs invoice show|export|verify</c>: an account's invoices, and their recomputation from the close receipts (docs/cli.md#settlement-meters-and-invoices).</summary>
internal static class InvoiceCommand
{
    private const string NotFound = "cli.invoice.not-found";

    public static Command Create()
    {
        var invoice = new Command("invoice", "Invoices of a billing period: show, export as CSV or JSON, verify against the close receipts.");
        invoice.Subcommands.Add(Show());
        invoice.Subcommands.Add(Export());
        invoice.Subcommands.Add(Verify());
        return invoice;
    }

    private static Command Show()
    {
        var (data, account, period, label, json) = Common();
        var command = new Command("show", "Show an account's invoice for a period (lines, energy in kWh, money with 6 decimals, totals); without a period, list its periods.") { data, account, period, label, json };
        command.SetAction(async (r, ct) =>
        {
            _ = ct;
            var asJson = r.GetValue(json);
            var node = SettlementCli.Open(r.GetValue(data)!, asJson, out var exit);
            if (node is null)
            {
                return exit;
            }

            await using var scope = node.ConfigureAwait(false);
            var context = Context(node, r.GetValue(account)!);
            if (!context.IsSuccess)
            {
                return Shell.Fail(context.Error, asJson);
            }

            var (accountId, config) = context.Value;
            var length = node.Genesis.IntervalLength;
            if (r.GetValue(period) is null && r.GetValue(label) is null)
            {
                return List(node, accountId, config, asJson);
            }

            var found = Find(node, accountId, config, r.GetValue(period), r.GetValue(label));
            if (!found.IsSuccess)
            {
                return Shell.Fail(found.Error, asJson);
            }

            var view = View(found.Value.Invoice, config, length, node.Genesis.Currency);
            if (asJson)
            {
                Shell.WriteJson(view);
                return ExitCodes.Ok;
            }

            AnsiConsole.MarkupLineInterpolated($"[bold]Invoice[/] {view.Account}, period {view.Label} ({view.Period}): {view.First} → {view.End}, {view.Intervals} intervals, root {view.Root[..16]}…");
            var table = new Table().AddColumns("kind", "reference", "energy (kWh)", $"money ({view.Currency})", "certificates");
            foreach (var line in view.Lines)
            {
                table.AddRow(line.Kind, Markup.Escape(line.Reference), line.EnergyKwh, line.Money, SettlementCli.Number(line.Certificates));
            }

            table.AddRow("[bold]total[/]", string.Empty, $"metered {view.Totals.MeteredKwh}", $"[bold]{view.Totals.Money}[/]", SettlementCli.Number(view.Totals.Certificates));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("Positive money: the account receives; negative: it pays.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Export()
    {
        var (data, account, period, label, json) = Common();
        var format = new Option<string>("--format") { Description = "csv or json.", Required = true };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<string>("--out") { Description = "The file to write (replaced if it exists).", Required = true };
        var command = new Command("export", "Write an account's invoice for a period as CSV (one row per line) or JSON (as invoice show --json).") { data, account, period, label, format, output, json };
        command.SetAction(async (r, ct) =>
        {
            var asJson = r.GetValue(json);
            if (r.GetValue(period) is null && r.GetValue(label) is null)
            {
                return Shell.Fail(new Error("cli.usage", "invoice export needs --period N or --label L."), asJson, ExitCodes.Usage);
            }

            var node = SettlementCli.Open(r.GetValue(data)!, asJson, out var exit);
            if (node is null)
            {
                return exit;
            }

            await using var scope = node.ConfigureAwait(false);
            var context = Context(node, r.GetValue(account)!);
            var found = context.IsSuccess ? Find(node, context.Value.Account, context.Value.Config, r.GetValue(period), r.GetValue(label)) : context.Error;
            if (!found.IsSuccess)
            {
                return Shell.Fail(found.Error, asJson);
            }

            var view = View(found.Value.Invoice, context.Value.Config, node.Genesis.IntervalLength, node.Genesis.Currency);
            var csv = string.Equals(r.GetValue(format), "csv", StringComparison.Ordinal);
            var path = r.GetValue(output)!;
            try
            {
                var text = csv ? Csv(view) : System.Text.Json.JsonSerializer.Serialize(view, Shell.Json) + "\n";
                await File.WriteAllTextAsync(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return Shell.Fail(new Error("cli.output.unwritable", $"Cannot write '{path}': {ex.Message}"), asJson);
            }

            if (asJson)
            {
                Shell.WriteJson(new { ok = true, file = Path.GetFullPath(path), format = r.GetValue(format), account = view.Account, period = view.Period, lines = view.Lines.Count });
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated($"wrote {path}: {view.Lines.Count} lines of {view.Account}'s invoice {view.Label}, total {view.Totals.Money} {view.Currency}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Verify()
    {
        var (data, account, period, label, json) = Common();
        var interval = new Option<string?>("--interval") { Description = "Also print the account's entry of the interval starting at this UTC time and its two inclusion proofs." };
        var command = new Command("verify", "Recompute an invoice from the close receipts: interval roots, period root, summed lines; exit 4 at the first mismatch.") { data, account, period, label, interval, json };
        command.SetAction(async (r, ct) =>
        {
            _ = ct;
            var asJson = r.GetValue(json);
            if (r.GetValue(period) is null && r.GetValue(label) is null)
            {
                return Shell.Fail(new Error("cli.usage", "invoice verify needs --period N or --label L."), asJson, ExitCodes.Usage);
            }

            var node = SettlementCli.Open(r.GetValue(data)!, asJson, out var exit);
            if (node is null)
            {
                return exit;
            }

            await using var scope = node.ConfigureAwait(false);
            var length = node.Genesis.IntervalLength;
            var context = Context(node, r.GetValue(account)!);
            var found = context.IsSuccess ? Find(node, context.Value.Account, context.Value.Config, r.GetValue(period), r.GetValue(label)) : context.Error;
            if (!found.IsSuccess)
            {
                return Shell.Fail(found.Error, asJson);
            }

            var (invoice, bytes) = found.Value;
            long? proveAt = null;
            if (r.GetValue(interval) is { } text)
            {
                var t = SettlementCli.IntervalStart(text, "--interval", length);
                if (!t.IsSuccess)
                {
                    return Shell.Fail(t.Error, asJson);
                }

                if (t.Value < invoice.First || t.Value >= invoice.End)
                {
                    return Shell.Fail(new Error("cli.invoice.interval-outside", $"--interval {text} is not in the period [{SettlementCli.StartOf(invoice.First, length)}, {SettlementCli.StartOf(invoice.End, length)})."), asJson);
                }

                proveAt = t.Value;
            }

            var scanned = node.Read(store => CloseReceipts.Scan(store, invoice.First, invoice.End));
            if (!scanned.IsSuccess)
            {
                return Shell.Fail(scanned.Error, asJson, ExitCodes.VerificationFailed);
            }

            var result = InvoiceVerifier.Verify(invoice, bytes, scanned.Value.Records, scanned.Value.Invoices, proveAt);
            if (proveAt is { } at && result.Proof is null && result.FirstMismatch is null)
            {
                return Shell.Fail(new Error("cli.invoice.no-entry", $"'{invoice.Account}' has no entry in interval {SettlementCli.StartOf(at, length)}."), asJson);
            }

            var code = result.FirstMismatch is null ? ExitCodes.Ok : ExitCodes.VerificationFailed;
            var proof = result.Proof is { } p
                ? new
                {
                    interval = new DeliveryInterval(length, p.Interval).ToString(),
                    close = p.Record.Transaction.ToString(),
                    height = p.Record.Height,
                    entry = new { account = invoice.Account, lines = Lines(p.Lines) },
                    entry_to_interval_root = Proof(p.ToIntervalRoot),
                    interval_to_period_root = Proof(p.ToPeriodRoot),
                }
                : null;
            if (asJson)
            {
                Shell.WriteJson(new
                {
                    ok = code == ExitCodes.Ok,
                    account = invoice.Account,
                    period = invoice.Period,
                    label = BillingPeriod.Label(invoice.Period, context.Value.Config.BillingDays, length),
                    root = invoice.Root.ToString(),
                    intervals = invoice.Intervals,
                    issued_by = result.IssuedBy is { } issued ? new { id = issued.Transaction.ToString(), height = issued.Height } : null,
                    checks = result.Checks.Select(c => new { name = c.Name, ok = c.Ok, detail = c.Detail }),
                    proof,
                    error = result.FirstMismatch is { } e ? new { code = e.Code, message = e.Message } : null,
                    exit_code = code,
                });
                return code;
            }

            var table = new Table().AddColumns("check", "result", "detail");
            foreach (var c in result.Checks)
            {
                table.AddRow(c.Name, c.Ok ? "[green]ok[/]" : "[red]mismatch[/]", Markup.Escape(c.Detail));
            }

            AnsiConsole.Write(table);
            if (proof is not null)
            {
                AnsiConsole.MarkupLineInterpolated($"Entry of {invoice.Account} in {proof.interval} (close {proof.close[..16]}…, block {proof.height}):");
                foreach (var line in proof.entry.lines)
                {
                    AnsiConsole.MarkupLineInterpolated($"  {line.Kind} '{line.Reference}' {line.EnergyKwh} kWh {line.Money}");
                }

                foreach (var (name, pr) in new[] { ("entry → interval root", proof.entry_to_interval_root), ("interval → period root", proof.interval_to_period_root) })
                {
                    AnsiConsole.MarkupLineInterpolated($"  {name}: leaf {pr.LeafIndex} of {pr.TreeSize}, leaf hash {pr.LeafHash}, root {pr.Root}, {(pr.Ok ? "verified" : "FAILED")}");
                    foreach (var node2 in pr.Path)
                    {
                        AnsiConsole.MarkupLineInterpolated($"    {node2}");
                    }
                }
            }

            if (result.FirstMismatch is { } mismatch)
            {
                return Shell.Fail(mismatch, json: false, ExitCodes.VerificationFailed);
            }

            AnsiConsole.MarkupLineInterpolated($"[green]verified[/] {invoice.Account}'s invoice for period {BillingPeriod.Label(invoice.Period, context.Value.Config.BillingDays, length)} against the close receipts");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static (Option<string> Data, Option<string> Account, Option<long?> Period, Option<string?> Label, Option<bool> Json) Common() =>
        (Shell.DataOption(),
         new Option<string>("--account") { Description = "The account: a player id, or @mpm (the Main Power Market).", Required = true },
         new Option<long?>("--period") { Description = "The billing period number (see the list without a period)." },
         new Option<string?>("--label") { Description = "The period by its label: 2026-01 (monthly billing), or 2026-01-05 / 2026-01-05+1d (billing in days: the period containing that day)." },
         Shell.JsonOption());

    private static Result<(string Account, SettlementConfig Config)> Context(EmbeddedNode node, string account)
    {
        if (!SettlementCli.IsAccount(account))
        {
            return Result<(string, SettlementConfig)>.Fail("cli.usage", $"--account '{account}' is neither a player id nor @mpm.");
        }

        return SettlementModule.FindConfig(node.Chain.State) is { } config
            ? (account, config)
            : Result<(string, SettlementConfig)>.Fail("cli.settlement.not-configured", "Settlement is not configured, so there are no invoices.");
    }

    private static Result<(Invoice Invoice, byte[] Bytes)> Find(EmbeddedNode node, string account, SettlementConfig config, long? period, string? label)
    {
        if (period is not null && label is not null)
        {
            return Result<(Invoice, byte[])>.Fail("cli.usage", "Give --period or --label, not both.");
        }

        var number = period ?? 0;
        if (label is not null)
        {
            var parsed = PeriodOf(label, config.BillingDays, node.Genesis.IntervalLength);
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            number = parsed.Value;
        }

        return node.Chain.State.TryGet(Invoice.StateKey(account, number), out var bytes)
            ? (Invoice.Decode(bytes), bytes)
            : Result<(Invoice, byte[])>.Fail(NotFound, $"'{account}' has no invoice for period {number} ({BillingPeriod.Label(number, config.BillingDays, node.Genesis.IntervalLength)}); run flecs invoice show --account {account} for the list.");
    }

    /// <summary>The period of a label: <c>yyyy-MM</c> (months), <c>yyyy-MM-dd</c> or <c>yyyy-MM-dd+Nd</c> (days; N must be the configured billing days).</summary>
    internal static Result<long> PeriodOf(string label, int billingDays, IntervalLength length)
    {
        var text = label;
        var plus = label.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            var suffix = label[(plus + 1)..];
            if (billingDays == 0 || !suffix.EndsWith('d') || !int.TryParse(suffix[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days != billingDays)
            {
                return Result<long>.Fail("cli.usage", $"--label '{label}': billing periods here are {(billingDays == 0 ? "calendar months (yyyy-MM)" : $"{billingDays} days (yyyy-MM-dd+{billingDays}d)")}.");
            }

            text = label[..plus];
        }

        string[] formats = billingDays == 0 ? ["yyyy-MM", "yyyy-MM-dd"] : ["yyyy-MM-dd"];
        if (!DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return Result<long>.Fail("cli.usage", $"--label '{label}' is not {(billingDays == 0 ? "yyyy-MM" : "yyyy-MM-dd")}.");
        }

        return BillingPeriod.Of(length.IntervalAt(date.ToUnixTimeSeconds()), billingDays);
    }

    private static int List(EmbeddedNode node, string account, SettlementConfig config, bool json)
    {
        var length = node.Genesis.IntervalLength;
        var prefix = "invoice/" + account + "/";
        var invoices = node.Chain.State.Snapshot()
            .Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(e => Invoice.Decode(e.Value))
            .OrderBy(i => i.Period)
            .Select(i => new { period = i.Period, label = BillingPeriod.Label(i.Period, config.BillingDays, length), first = SettlementCli.StartOf(i.First, length), end = SettlementCli.StartOf(i.End, length), lines = i.Lines.Length, total = SettlementCli.Six(i.Total) })
            .ToList();
        object? open = null;
        if (node.Chain.State.TryGet("billing/" + account, out var billing))
        {
            var r = Cbor.NewReader(billing);
            r.ReadArrayOf(2);
            var openPeriod = r.ReadInt64();
            var n = r.ReadStartArray() ?? 0;
            long money = 0;
            for (var i = 0; i < n; i++)
            {
                money = checked(money + JournalLine.Read(r).Money);
            }

            open = new { period = openPeriod, label = BillingPeriod.Label(openPeriod, config.BillingDays, length), total_so_far = SettlementCli.Six(money) };
        }

        if (json)
        {
            Shell.WriteJson(new { ok = true, account, currency = node.Genesis.Currency, billing_days = config.BillingDays, periods = invoices, open });
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("period", "label", "from", "to", "lines", $"total ({node.Genesis.Currency})");
        foreach (var i in invoices)
        {
            table.AddRow(SettlementCli.Number(i.period), i.label, i.first, i.end, SettlementCli.Number(i.lines), i.total);
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{invoices.Count} invoices of {account}{(open is null ? string.Empty : "; a period is open (billed at its end)")}.");
        return ExitCodes.Ok;
    }

    private static InvoiceView View(Invoice invoice, SettlementConfig config, IntervalLength length, string currency) => new(
        Ok: true,
        Account: invoice.Account,
        Period: invoice.Period,
        Label: BillingPeriod.Label(invoice.Period, config.BillingDays, length),
        Currency: currency,
        First: SettlementCli.StartOf(invoice.First, length),
        End: SettlementCli.StartOf(invoice.End, length),
        FirstIndex: invoice.First,
        EndIndex: invoice.End,
        Intervals: invoice.Intervals,
        Root: invoice.Root.ToString(),
        Lines: Lines(invoice.Lines),
        Totals: new InvoiceTotals(
            SettlementCli.Six(invoice.Total),
            SettlementCli.Six(invoice.Lines.Where(l => l.Kind is LineKind.Metered or LineKind.MeteredCorrection).Sum(l => l.Energy)),
            invoice.Lines.Sum(l => l.Certificates)));

    private static List<LineView> Lines(IEnumerable<JournalLine> lines) =>
        [.. lines.Select(l => new LineView(SettlementCli.LineKindName(l.Kind), (int)l.Kind, l.Reference, SettlementCli.Six(l.Energy), SettlementCli.Six(l.Money), l.Certificates))];

    private static ProofView Proof(InclusionProof proof) => new ProofView(proof.LeafIndex, proof.TreeSize, proof.LeafHash.ToString(), [.. proof.Path.Select(h => h.ToString())], proof.Root.ToString(), proof.Ok);

    private static string Csv(InvoiceView view)
    {
        var text = new StringBuilder("account,period,label,kind,reference,energy_kwh,money,certificates\n");
        foreach (var line in view.Lines)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Cell(view.Account)},{view.Period},{Cell(view.Label)},{line.Kind},{Cell(line.Reference)},{line.EnergyKwh},{line.Money},{line.Certificates}\n");
        }

        return text.ToString();

        static string Cell(string value) => value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private sealed record InvoiceView(bool Ok, string Account, long Period, string Label, string Currency, string First, string End, long FirstIndex, long EndIndex, long Intervals, string Root, List<LineView> Lines, InvoiceTotals Totals);

    private sealed record LineView(string Kind, int KindCode, string Reference, string EnergyKwh, string Money, long Certificates);

    private sealed record InvoiceTotals(string Money, string MeteredKwh, long Certificates);

    private sealed record ProofView(long LeafIndex, long TreeSize, string LeafHash, List<string> Path, string Root, bool Ok);
}
