using System.CommandLine;
using Flecs.Cli.Output;
using Flecs.Cli.Settlement;
using Flecs.Core.Results;
using Flecs.Core.Time;
using Flecs.Ledger.Encoding;
using Flecs.Node.Clients;
using Flecs.Node.Sequencing;
using Flecs.Settlement;
using Flecs.Settlement.Close;
using Flecs.Settlement.Config;
using Flecs.Settlement.Orders;
using Spectre.Console;

namespace Flecs.Cli.Commands;

/// <summary><c>flecs settlement configure|close|show</c>: the SA's configuration, the Market Operator's interval close, and the settlement clock (docs/cli.md#settlement-meters-and-invoices).</summary>
internal static class SettlementCommand
{
    public static Command Create()
    {
        var settlement = new Command("settlement", "Settlement: configure the close (SA), close intervals (Market Operator), show the clock.");
        settlement.Subcommands.Add(Configure());
        settlement.Subcommands.Add(Close());
        settlement.Subcommands.Add(Show());
        return settlement;
    }

    private static Command Configure()
    {
        var data = Shell.DataOption();
        var sender = SettlementCli.SenderOption("sa");
        var key = SettlementCli.KeyOption();
        var config = new Option<string>("--config") { Description = "The configuration: a JSON file, or inline JSON (docs/cli.md#settlement-configuration-json).", Required = true };
        var json = Shell.JsonOption();
        var command = new Command("configure", "SA: send configure-settlement (start, mechanism, prices, fees, accounts, late window, billing period).") { data, sender, key, config, json };
        command.SetAction(async (r, ct) =>
        {
            var asJson = r.GetValue(json);
            var node = SettlementCli.Open(r.GetValue(data)!, asJson, out var exit);
            if (node is null)
            {
                return exit;
            }

            await using var scope = node.ConfigureAwait(false);
            var parsed = ConfigFile.Load(r.GetValue(config)!, node.Genesis.IntervalLength);
            if (!parsed.IsSuccess)
            {
                return Shell.Fail(parsed.Error, asJson);
            }

            var signer = SettlementCli.Signer(r.GetValue(data)!, r.GetValue(sender)!, r.GetValue(key));
            if (!signer.IsSuccess)
            {
                return Shell.Fail(signer.Error, asJson);
            }

            using var signerKey = signer.Value.Signer;
            var submission = await new LedgerClient(node).SendAsync(signer.Value.Sender, signerKey, SettlementTransactionTypes.ConfigureSettlement, parsed.Value.Encode(), ct).ConfigureAwait(false);
            return Shell.Report(submission, $"configure-settlement from {SettlementCli.StartOf(parsed.Value.Start, node.Genesis.IntervalLength)}", asJson);
        });
        return command;
    }

    private static Command Close()
    {
        var data = Shell.DataOption();
        var sender = SettlementCli.SenderOption("mo");
        var key = SettlementCli.KeyOption();
        var through = new Option<string>("--through")
        {
            Description = "Close every interval up to this UTC time: on an interval boundary, through the interval ending there; otherwise through the interval containing it. 'now': through the last interval that has ended.",
            Required = true,
        };
        var json = Shell.JsonOption();
        var command = new Command("close", "Market Operator: send close-intervals from the interval after the clock through --through (several transactions of at most 1,440 intervals when needed).") { data, sender, key, through, json };
        command.SetAction(async (r, ct) =>
        {
            var asJson = r.GetValue(json);
            var text = r.GetValue(through)!;
            var node = SettlementCli.Open(r.GetValue(data)!, asJson, out var exit);
            if (node is null)
            {
                return exit;
            }

            await using var scope = node.ConfigureAwait(false);
            var length = node.Genesis.IntervalLength;
            string rule;
            long target;
            if (string.Equals(text, "now", StringComparison.Ordinal))
            {
                rule = "now";
                target = length.IntervalAt(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()).Index - 1;
            }
            else
            {
                var seconds = SettlementCli.Time(text, "--through");
                if (!seconds.IsSuccess)
                {
                    return Shell.Fail(seconds.Error, asJson);
                }

                var onBoundary = seconds.Value % length.Seconds == 0;
                rule = onBoundary ? "ending-at" : "containing";
                target = length.IntervalAt(seconds.Value).Index - (onBoundary ? 1 : 0);
            }

            if (SettlementModule.FindConfig(node.Chain.State) is not { } config)
            {
                return Shell.Fail(new Error("cli.settlement.not-configured", "Settlement is not configured (flecs settlement configure)."), asJson);
            }

            // The ledger checks this against the block's time; checking first keeps a far-future --through from
            // sending every close up to now before the last one is refused.
            var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
            if (checked((target + 1) * length.Seconds) > now)
            {
                return Shell.Fail(new Error("cli.settlement.not-ended", $"--through {text} means {new DeliveryInterval(length, target)}, which has not ended yet (now is {SettlementCli.At(now)})."), asJson);
            }

            var signer = SettlementCli.Signer(r.GetValue(data)!, r.GetValue(sender)!, r.GetValue(key));
            if (!signer.IsSuccess)
            {
                return Shell.Fail(signer.Error, asJson);
            }

            using var signerKey = signer.Value.Signer;
            var closed = SettlementModule.ClosedThrough(node.Chain.State, config);
            var client = new LedgerClient(node);
            var sent = new List<object>();
            var invoices = new List<object>();
            var failed = (Submission?)null;
            for (var from = closed + 1; from <= target && failed is null; from += IntervalCloseLimit)
            {
                var to = Math.Min(target, from + IntervalCloseLimit - 1);
                var submission = await client.SendAsync(signer.Value.Sender, signerKey, SettlementTransactionTypes.CloseIntervals, new ClosePayload(to).Encode(), ct).ConfigureAwait(false);
                var issued = submission.IsAccepted ? IssuedInvoices(submission.Receipt!.Output, config.BillingDays, length) : [];
                invoices.AddRange(issued);
                sent.Add(new
                {
                    id = submission.TransactionId.ToString(),
                    height = submission.Height,
                    first = SettlementCli.StartOf(from, length),
                    through = new DeliveryInterval(length, to).ToString(),
                    intervals = to - from + 1,
                    status = submission.IsAccepted ? "accepted" : "rejected",
                    code = submission.RejectionCode,
                    invoices = issued.Count,
                });
                if (!submission.IsAccepted)
                {
                    failed = submission;
                }
                else if (!asJson)
                {
                    AnsiConsole.MarkupLineInterpolated($"[green]accepted[/] close-intervals {SettlementCli.StartOf(from, length)} … {new DeliveryInterval(length, to).ToString()} ({to - from + 1} intervals) in block {submission.Height}; {issued.Count} invoices");
                }
            }

            var nowClosed = SettlementModule.ClosedThrough(node.Chain.State, config);
            if (asJson)
            {
                Shell.WriteJson(new
                {
                    ok = failed is null,
                    rule,
                    through = target >= 0 ? new DeliveryInterval(length, target).ToString() : null,
                    through_index = target,
                    closed_through = new DeliveryInterval(length, nowClosed).ToString(),
                    closed_until = SettlementCli.StartOf(nowClosed + 1, length),
                    transactions = sent,
                    invoices,
                    code = failed?.RejectionCode,
                    message = failed?.AdmissionError?.Message,
                });
            }
            else
            {
                if (failed is not null)
                {
                    AnsiConsole.MarkupLineInterpolated($"[red]rejected[/] close-intervals: {failed.RejectionCode} {failed.AdmissionError?.Message}");
                }
                else if (sent.Count == 0)
                {
                    AnsiConsole.MarkupLineInterpolated($"nothing to close: already closed until {SettlementCli.StartOf(nowClosed + 1, length)}");
                }

                AnsiConsole.MarkupLineInterpolated($"--through {text} means {(rule switch { "containing" => "the interval containing it", "now" => "the last interval that has ended", _ => "the interval ending at it" })}: {(target >= 0 ? new DeliveryInterval(length, target).ToString() : "-")}; closed until {SettlementCli.StartOf(nowClosed + 1, length)}");
            }

            return failed is null ? ExitCodes.Ok : ExitCodes.Rejected;
        });
        return command;
    }

    /// <summary>The most intervals one close-intervals settles (<c>IntervalCloser.MaxIntervals</c>).</summary>
    private const long IntervalCloseLimit = 1_440;

    private static List<object> IssuedInvoices(ReadOnlyMemory<byte> output, int billingDays, IntervalLength length)
    {
        var list = new List<object>();
        if (output.IsEmpty)
        {
            return list;
        }

        var r = Cbor.NewReader(output);
        r.ReadArrayOf(2);
        r.SkipValue();
        var count = r.ReadStartArray() ?? 0;
        for (var i = 0; i < count; i++)
        {
            var invoice = Invoice.Read(r);
            list.Add(new { account = invoice.Account, period = invoice.Period, label = BillingPeriod.Label(invoice.Period, billingDays, length), total = SettlementCli.Six(invoice.Total) });
        }

        return list;
    }

    private static Command Show()
    {
        var data = Shell.DataOption();
        var json = Shell.JsonOption();
        var command = new Command("show", "Show the settlement configuration, the clock (last closed interval), meters and open orders.") { data, json };
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
            var state = node.Chain.State;
            var length = node.Genesis.IntervalLength;
            var config = SettlementModule.FindConfig(state);
            var meters = SettlementModule.MeterIds(state).Length;
            if (config is null)
            {
                if (asJson)
                {
                    Shell.WriteJson(new { ok = true, configured = false, currency = node.Genesis.Currency, interval_minutes = length.Minutes, meters });
                }
                else
                {
                    AnsiConsole.MarkupLineInterpolated($"Settlement is not configured ({meters} meters registered). Use flecs settlement configure.");
                }

                return ExitCodes.Ok;
            }

            var closed = SettlementModule.ClosedThrough(state, config);
            var spm = OpenOrders(state, MarketKind.Spm, closed);
            var mpm = OpenOrders(state, MarketKind.Mpm, closed);
            var period = BillingPeriod.Of(new DeliveryInterval(length, closed + 1), config.BillingDays);
            var view = new
            {
                ok = true,
                configured = true,
                currency = node.Genesis.Currency,
                interval_minutes = length.Minutes,
                config = ConfigFile.ToJson(config, length),
                start_index = config.Start,
                clock = new
                {
                    closed_through = closed < config.Start ? null : new DeliveryInterval(length, closed).ToString(),
                    closed_through_index = closed,
                    closed_until = SettlementCli.StartOf(closed + 1, length),
                    next_interval = new DeliveryInterval(length, closed + 1).ToString(),
                    open_period = period,
                    open_period_label = BillingPeriod.Label(period, config.BillingDays, length),
                },
                meters,
                open_orders = new { spm, mpm, total = spm + mpm },
            };
            if (asJson)
            {
                Shell.WriteJson(view);
                return ExitCodes.Ok;
            }

            var grid = new Grid().AddColumns(2);
            foreach (var (name, value) in view.config)
            {
                grid.AddRow(Markup.Escape(name), Markup.Escape(value switch
                {
                    string s => s,
                    IEnumerable<Dictionary<string, string>> fees => string.Join("; ", fees.Select(f => $"{f["level"]} {f["withdrawal_per_kwh"]}/{f["injection_per_kwh"]}")),
                    IDictionary<string, string> map => string.Join(", ", map.Select(p => $"{p.Key}={p.Value}")),
                    _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
                }));
            }

            grid.AddRow("closed through", Markup.Escape(view.clock.closed_through ?? "nothing closed yet"));
            grid.AddRow("next interval", Markup.Escape(view.clock.next_interval));
            grid.AddRow("open period", Markup.Escape($"{view.clock.open_period_label} ({period})"));
            grid.AddRow("meters", SettlementCli.Number(meters));
            grid.AddRow("open orders", Markup.Escape($"{spm} SPM, {mpm} MPM"));
            AnsiConsole.Write(grid);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Standing orders that still cover an interval after the clock.</summary>
    private static int OpenOrders(Flecs.Ledger.State.CommittedState state, MarketKind market, long closed) =>
        state.TryGet(OrderList.StateKey(market), out var bytes) ? OrderList.Decode(bytes).Count(o => o.End > closed + 1) : 0;
}
