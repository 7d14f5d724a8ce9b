using System.Collections.Immutable;
using System.CommandLine;
using Flecs.Cli.Output;
using Flecs.Cli.Settlement;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Core.Units;
using Flecs.Crypto.Signatures;
using Flecs.Import;
using Flecs.Node.Clients;
using Flecs.Node.Sequencing;
using Flecs.Settlement;
using Flecs.Settlement.Meters;
using Spectre.Console;

namespace Flecs.Cli.Commands;

/// <summary><c>flecs meter register|submit|import|show</c>: meters and their signed readings (docs/cli.md#settlement-meters-and-invoices).</summary>
internal static class MeterCommand
{
    /// <summary>Room left in a transaction for everything but the readings payload (version, chain id, sender, sequence, expiry, signature).</summary>
    private const int EnvelopeAllowance = 512;

    private static readonly Dictionary<string, ImportFormat> Formats = new(StringComparer.Ordinal)
    {
        ["csv"] = ImportFormat.Csv,
        ["greenbutton"] = ImportFormat.GreenButton,
        ["mscons"] = ImportFormat.Mscons,
        ["dsmr"] = ImportFormat.DsmrP1,
    };

    public static Command Create()
    {
        var meter = new Command("meter", "Meters: register one, submit or import its signed readings, show it.");
        meter.Subcommands.Add(Register());
        meter.Subcommands.Add(Submit());
        meter.Subcommands.Add(Import());
        meter.Subcommands.Add(Show());
        return meter;
    }

    private static Command Register()
    {
        var data = Shell.DataOption();
        var sender = SettlementCli.SenderOption(null);
        var key = SettlementCli.KeyOption();
        var id = MeterOption("The new meter's id (1–64 of A–Z a–z 0–9 - . _ :).");
        var owner = new Option<string>("--owner") { Description = "The player whose connection it measures.", Required = true };
        var signerKey = new Option<string>("--signer-key") { Description = "The key file of the meter or its gateway (public or secret); its public key verifies the readings.", Required = true };
        var create = new Option<bool>("--create-signer-key") { Description = "Create a new secret key file at --signer-key (which must not exist) and register it." };
        var kind = new Option<string>("--kind") { Description = "consumption, production or bidirectional.", Required = true };
        kind.AcceptOnlyFromAmong([.. SettlementCli.MeterKinds.Keys]);
        var level = new Option<string>("--level") { Description = "The connection level (grid fees): transmission, medium-voltage or low-voltage.", Required = true };
        level.AcceptOnlyFromAmong([.. SettlementCli.Levels.Keys]);
        var zone = new Option<string>("--zone") { Description = "The grid zone or connection point (≤ 64 characters).", Required = true };
        var maxPower = new Option<long>("--max-power-w") { Description = "The connection limit in watts: no interval may exceed this power.", Required = true };
        var renewable = new Option<bool>("--renewable") { Description = "It measures a renewable source." };
        var from = new Option<string>("--from") { Description = "The first interval it is read for (UTC interval start).", Required = true };
        var json = Shell.JsonOption();
        var command = new Command("register", "Send register-meter (by the owner, its representative or the SA).") { data, sender, key, id, owner, signerKey, create, kind, level, zone, maxPower, renewable, from, json };
        command.SetAction(async (r, ct) =>
        {
            var asJson = r.GetValue(json);
            if (!PlayerId.TryParse(r.GetValue(owner), out var ownerId))
            {
                return Shell.Fail(new Error("cli.usage", $"--owner '{r.GetValue(owner)}' is not a valid player id."), asJson, ExitCodes.Usage);
            }

            var node = SettlementCli.Open(r.GetValue(data)!, asJson, out var exit);
            if (node is null)
            {
                return exit;
            }

            await using var scope = node.ConfigureAwait(false);
            var first = SettlementCli.IntervalStart(r.GetValue(from)!, "--from", node.Genesis.IntervalLength);
            if (!first.IsSuccess)
            {
                return Shell.Fail(first.Error, asJson);
            }

            var path = r.GetValue(signerKey)!;
            if (r.GetValue(create))
            {
                if (File.Exists(path))
                {
                    return Shell.Fail(new Error("cli.meter.key-exists", $"'{path}' exists; --create-signer-key never overwrites a key."), asJson);
                }

                using var created = Ed25519Signer.Generate();
                KeyFile.Write(path, created);
            }

            var publicKey = KeyFile.ReadPublicKey(path);
            if (!publicKey.IsSuccess)
            {
                return Shell.Fail(publicKey.Error, asJson);
            }

            var signer = SettlementCli.Signer(r.GetValue(data)!, r.GetValue(sender)!, r.GetValue(key));
            if (!signer.IsSuccess)
            {
                return Shell.Fail(signer.Error, asJson);
            }

            using var signerKeyValue = signer.Value.Signer;
            var record = new MeterRecord(r.GetValue(id)!, ownerId, publicKey.Value, r.GetValue(zone)!, SettlementCli.Levels[r.GetValue(level)!], SettlementCli.MeterKinds[r.GetValue(kind)!], r.GetValue(renewable), r.GetValue(maxPower), first.Value);
            var submission = await new LedgerClient(node).SendAsync(signer.Value.Sender, signerKeyValue, SettlementTransactionTypes.RegisterMeter, record.Encode(), ct).ConfigureAwait(false);
            return Shell.Report(submission, $"register-meter {record.Id}", asJson);
        });
        return command;
    }

    private static Command Submit()
    {
        var data = Shell.DataOption();
        var sender = SettlementCli.SenderOption(null);
        var key = SettlementCli.KeyOption();
        var id = MeterOption("The registered meter.");
        var meterKey = new Option<string>("--meter-key") { Description = "The secret key file of the meter (or its gateway) that signs the batch.", Required = true };
        var from = new Option<string>("--from") { Description = "The first interval (UTC interval start).", Required = true };
        var values = new Option<string>("--values")
        {
            Description = "Consecutive intervals' readings, comma-separated: import:export in kWh (decimal, at most 6 decimals; 'import' alone means export 0), at most 1,440.",
            Required = true,
        };
        var json = Shell.JsonOption();
        var command = new Command("submit", "Sign a reading batch with the meter key and send submit-readings.") { data, sender, key, id, meterKey, from, values, json };
        command.SetAction(async (r, ct) =>
        {
            var asJson = r.GetValue(json);
            var readings = ParseValues(r.GetValue(values)!);
            if (!readings.IsSuccess)
            {
                return Shell.Fail(readings.Error, asJson);
            }

            var node = SettlementCli.Open(r.GetValue(data)!, asJson, out var exit);
            if (node is null)
            {
                return exit;
            }

            await using var scope = node.ConfigureAwait(false);
            var length = node.Genesis.IntervalLength;
            var first = SettlementCli.IntervalStart(r.GetValue(from)!, "--from", length);
            if (!first.IsSuccess)
            {
                return Shell.Fail(first.Error, asJson);
            }

            var meterId = r.GetValue(id)!;
            var keys = LoadKeys(node, r.GetValue(data)!, r.GetValue(sender)!, r.GetValue(key), r.GetValue(meterKey)!, [meterId]);
            if (!keys.IsSuccess)
            {
                return Shell.Fail(keys.Error, asJson);
            }

            var (senderId, senderKey, readingKey) = keys.Value;
            using (senderKey)
            using (readingKey)
            {
                var batch = ReadingBatch.Create(node.Genesis.ChainId, meterId, first.Value, readings.Value, readingKey);
                var submission = await new LedgerClient(node).SendAsync(senderId, senderKey, SettlementTransactionTypes.SubmitReadings, new ReadingsPayload([batch]).Encode(), ct).ConfigureAwait(false);
                return Shell.Report(submission, $"submit-readings {meterId} {SettlementCli.StartOf(first.Value, length)} +{batch.Count}", asJson);
            }
        });
        return command;
    }

    private static Command Import()
    {
        var data = Shell.DataOption();
        var sender = SettlementCli.SenderOption(null);
        var key = SettlementCli.KeyOption();
        var meterKey = new Option<string>("--meter-key") { Description = "The secret key file of the meter (or gateway) that signs every batch.", Required = true };
        var file = new Option<string>("--file") { Description = "The meter data file.", Required = true };
        var format = new Option<string?>("--format") { Description = "csv, greenbutton, mscons or dsmr; default: detected from the content, then the extension." };
        format.AcceptOnlyFromAmong([.. Formats.Keys]);
        var meter = new Option<string[]>("--meter")
        {
            Description = "The registered meter: ID for a file with one series, or FILE_ID=ID per series (repeatable). Default: the file's meter ids.",
            AllowMultipleArgumentsPerToken = false,
        };
        var lenient = new Option<bool>("--lenient") { Description = "Use the format's lenient parsing (MSCONS, DSMR): skip what it can skip and list it as warnings." };
        var json = Shell.JsonOption();
        var command = new Command("import", "Parse a meter data file (CSV, Green Button, MSCONS, DSMR P1), re-bin it to the chain's intervals and submit it in signed batches of ≤ 1,440 intervals.") { data, sender, key, meterKey, file, format, meter, lenient, json };
        command.SetAction(async (r, ct) =>
        {
            var asJson = r.GetValue(json);
            var path = r.GetValue(file)!;
            string text;
            try
            {
                text = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return Shell.Fail(new Error("cli.input.unreadable", $"Cannot read '{path}': {ex.Message}"), asJson);
            }

            ImportFormat? detected = r.GetValue(format) is { } name ? Formats[name] : MeterImport.Detect(path, text);
            if (detected is not { } importFormat)
            {
                return Shell.Fail(new Error("cli.meter.unknown-format", $"Cannot tell the format of '{path}'; pass --format csv|greenbutton|mscons|dsmr."), asJson);
            }

            var parsed = MeterImport.Parse(importFormat, text, r.GetValue(lenient), out var warnings);
            if (!parsed.IsSuccess)
            {
                return Shell.Fail(parsed.Error, asJson, ExitCodes.InvalidInput);
            }

            var node = SettlementCli.Open(r.GetValue(data)!, asJson, out var exit);
            if (node is null)
            {
                return exit;
            }

            await using var scope = node.ConfigureAwait(false);
            var length = node.Genesis.IntervalLength;
            var mapped = Map(parsed.Value, r.GetValue(meter) ?? [], id => SettlementModule.FindMeter(node.Chain.State, id) is not null);
            if (!mapped.IsSuccess)
            {
                return Shell.Fail(mapped.Error, asJson);
            }

            var runs = new List<(string FileMeter, string Meter, long First, List<MeterReadingValue> Values)>();
            foreach (var (series, target) in mapped.Value)
            {
                var rebinned = IntervalRebinner.Rebin(series, length.Minutes);
                if (!rebinned.IsSuccess)
                {
                    return Shell.Fail(rebinned.Error, asJson, ExitCodes.InvalidInput);
                }

                foreach (var run in Runs(rebinned.Value))
                {
                    runs.Add((series.MeterId, target, run.First, run.Values));
                }
            }

            var keys = LoadKeys(node, r.GetValue(data)!, r.GetValue(sender)!, r.GetValue(key), r.GetValue(meterKey)!, [.. mapped.Value.Select(m => m.Meter).Distinct(StringComparer.Ordinal)]);
            if (!keys.IsSuccess)
            {
                return Shell.Fail(keys.Error, asJson);
            }

            var (senderId, senderKey, readingKey) = keys.Value;
            using (senderKey)
            using (readingKey)
            {
                var client = new LedgerClient(node);
                var limit = node.Genesis.Limits.MaxTransactionBytes - EnvelopeAllowance;
                var results = new List<BatchResult>();
                foreach (var (fileMeter, target, first, values) in runs)
                {
                    foreach (var payload in Batches(node.Genesis.ChainId, target, first, values, readingKey, limit))
                    {
                        var batch = payload.Batches[0];
                        var submission = await client.SendAsync(senderId, senderKey, SettlementTransactionTypes.SubmitReadings, payload.Encode(), ct).ConfigureAwait(false);
                        results.Add(new BatchResult(fileMeter, target, SettlementCli.StartOf(batch.First, length), SettlementCli.StartOf(batch.First + batch.Count, length), batch.Count, submission));
                    }
                }

                var accepted = results.Count(b => b.Submission.IsAccepted);
                if (asJson)
                {
                    Shell.WriteJson(new
                    {
                        ok = accepted == results.Count,
                        file = path,
                        format = Formats.First(f => f.Value == importFormat).Key,
                        series = mapped.Value.Select(m => new { file_meter = m.Series.MeterId, meter = m.Meter, readings = m.Series.Intervals.Length }),
                        warnings = warnings.Select(w => new { code = w.Code, message = w.Message }),
                        batches = results.Select(b => new
                        {
                            file_meter = b.FileMeter,
                            meter = b.Meter,
                            first = b.First,
                            end = b.End,
                            intervals = b.Count,
                            status = b.Submission.IsAccepted ? "accepted" : "rejected",
                            code = b.Submission.RejectionCode,
                            message = b.Submission.AdmissionError?.Message,
                            id = b.Submission.TransactionId.ToString(),
                            height = b.Submission.Height,
                        }),
                        accepted,
                        rejected = results.Count - accepted,
                    });
                }
                else
                {
                    foreach (var warning in warnings)
                    {
                        AnsiConsole.MarkupLineInterpolated($"[yellow]skipped[/] {warning.Code}: {warning.Message}");
                    }

                    var table = new Table().AddColumns("file meter", "meter", "from", "to", "intervals", "status", "code");
                    foreach (var b in results)
                    {
                        table.AddRow(Markup.Escape(b.FileMeter), Markup.Escape(b.Meter), b.First, b.End, SettlementCli.Number(b.Count), b.Submission.IsAccepted ? "accepted" : "[red]rejected[/]", Markup.Escape(b.Submission.RejectionCode ?? string.Empty));
                    }

                    AnsiConsole.Write(table);
                    AnsiConsole.MarkupLineInterpolated($"{accepted} of {results.Count} batches accepted ({importFormat}, {mapped.Value.Count} series).");
                }

                return accepted == results.Count ? ExitCodes.Ok : ExitCodes.Rejected;
            }
        });
        return command;
    }

    private static Command Show()
    {
        var data = Shell.DataOption();
        var id = MeterOption("The meter.");
        var json = Shell.JsonOption();
        var command = new Command("show", "Show a meter: owner, key, level, kind, limit, first interval, and its readings waiting for the close.") { data, id, json };
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
            var length = node.Genesis.IntervalLength;
            var meterId = r.GetValue(id)!;
            if (SettlementModule.FindMeter(node.Chain.State, meterId) is not { } meter)
            {
                return Shell.Fail(new Error("cli.meter.unknown", $"No meter '{meterId}' is registered."), asJson);
            }

            var log = node.Chain.State.TryGet(MeterLog.StateKey(meterId), out var bytes) ? MeterLog.Decode(bytes) : new MeterLog();
            var view = new
            {
                ok = true,
                id = meter.Id,
                owner = meter.Owner.Value,
                signer = meter.Signer.ToString(),
                zone = meter.Zone,
                level = SettlementCli.LevelName(meter.Level),
                kind = SettlementCli.KindName(meter.Kind),
                renewable = meter.Renewable,
                max_power_w = meter.MaxPowerWatts,
                from = SettlementCli.StartOf(meter.FirstInterval, length),
                last_import_kwh = SettlementCli.Six(log.LastImport),
                last_export_kwh = SettlementCli.Six(log.LastExport),
                pending = new
                {
                    count = log.Pending.Count,
                    first = log.Pending.Count > 0 ? SettlementCli.StartOf(log.Pending.Keys.First(), length) : null,
                    last = log.Pending.Count > 0 ? SettlementCli.StartOf(log.Pending.Keys.Last(), length) : null,
                    import_kwh = SettlementCli.Six(log.Pending.Values.Sum(v => v.Import)),
                    export_kwh = SettlementCli.Six(log.Pending.Values.Sum(v => v.Export)),
                },
                estimates = log.Estimates.Keys.Select(t => SettlementCli.StartOf(t, length)).ToList(),
                corrections = log.Corrections.Select(c => SettlementCli.StartOf(c.Interval, length)).ToList(),
            };
            if (asJson)
            {
                Shell.WriteJson(view);
                return ExitCodes.Ok;
            }

            var grid = new Grid().AddColumns(2);
            grid.AddRow("meter", Markup.Escape(view.id));
            grid.AddRow("owner", Markup.Escape(view.owner));
            grid.AddRow("signer", view.signer);
            grid.AddRow("zone / level", Markup.Escape($"{view.zone} / {view.level}"));
            grid.AddRow("kind", $"{view.kind}{(view.renewable ? ", renewable" : string.Empty)}");
            grid.AddRow("limit", $"{view.max_power_w} W");
            grid.AddRow("read from", view.from);
            grid.AddRow("last actual", $"import {view.last_import_kwh} kWh, export {view.last_export_kwh} kWh");
            grid.AddRow("pending", view.pending.count == 0 ? "none" : $"{view.pending.count} intervals {view.pending.first} … {view.pending.last}: import {view.pending.import_kwh} kWh, export {view.pending.export_kwh} kWh");
            grid.AddRow("estimated (open)", SettlementCli.Number(view.estimates.Count));
            grid.AddRow("corrections", SettlementCli.Number(view.corrections.Count));
            AnsiConsole.Write(grid);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<string> MeterOption(string description) => new("--meter") { Description = description, Required = true };

    /// <summary>Parses <c>imp:exp,imp:exp,…</c> (kWh, exact to 6 decimals, not negative).</summary>
    internal static Result<List<MeterReadingValue>> ParseValues(string text)
    {
        var list = new List<MeterReadingValue>();
        var items = text.Split(',');
        for (var i = 0; i < items.Length; i++)
        {
            var parts = items[i].Trim().Split(':');
            if (parts.Length > 2 || !Kwh(parts[0], out var import) || !Kwh(parts.Length == 2 ? parts[1] : "0", out var export))
            {
                return Result<List<MeterReadingValue>>.Fail("cli.meter.bad-values", $"--values item {i + 1} '{items[i]}' is not import:export in kWh (non-negative decimals with at most 6 decimals).");
            }

            list.Add(new MeterReadingValue(import, export));
        }

        return list.Count <= ReadingBatch.MaxIntervals
            ? list
            : Result<List<MeterReadingValue>>.Fail("cli.meter.bad-values", $"--values has {list.Count} intervals; a batch holds at most {ReadingBatch.MaxIntervals} (use flecs meter import for more).");

        static bool Kwh(string part, out long mwh)
        {
            mwh = 0;
            var trimmed = part.Trim();
            if (trimmed.Length == 0 || trimmed[0] is '-' or '+' || !EnergyQuantity.TryParseKilowattHours(trimmed, out var quantity) || quantity.MilliwattHours < 0)
            {
                return false;
            }

            mwh = quantity.MilliwattHours;
            return true;
        }
    }

    /// <summary>Which registered meter each series goes to.</summary>
    private static Result<List<(ImportedSeries Series, string Meter)>> Map(ImmutableArray<ImportedSeries> series, string[] options, Func<string, bool> isRegistered)
    {
        var explicitMap = new Dictionary<string, string>(StringComparer.Ordinal);
        string? single = null;
        foreach (var option in options)
        {
            var eq = option.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                if (single is not null || series.Length != 1)
                {
                    return Result<List<(ImportedSeries, string)>>.Fail("cli.usage", $"--meter ID maps a file with exactly one series (this one has {series.Length}: {string.Join(", ", series.Select(s => s.MeterId))}); use --meter FILE_ID=ID.");
                }

                single = option;
            }
            else if (!explicitMap.TryAdd(option[..eq], option[(eq + 1)..]))
            {
                return Result<List<(ImportedSeries, string)>>.Fail("cli.usage", $"--meter maps '{option[..eq]}' twice.");
            }
        }

        var unknownSource = explicitMap.Keys.FirstOrDefault(k => !series.Any(s => string.Equals(s.MeterId, k, StringComparison.Ordinal)));
        if (unknownSource is not null)
        {
            return Result<List<(ImportedSeries, string)>>.Fail("cli.usage", $"--meter {unknownSource}=…: the file has no meter '{unknownSource}' (it has {string.Join(", ", series.Select(s => s.MeterId))}).");
        }

        var list = new List<(ImportedSeries, string)>();
        foreach (var s in series)
        {
            var target = single ?? explicitMap.GetValueOrDefault(s.MeterId) ?? s.MeterId;
            if (!isRegistered(target))
            {
                return Result<List<(ImportedSeries, string)>>.Fail("cli.meter.unknown", string.Equals(target, s.MeterId, StringComparison.Ordinal)
                    ? $"The file's meter '{s.MeterId}' is not a registered meter; map it with --meter ID (one series) or --meter {s.MeterId}=ID."
                    : $"No meter '{target}' is registered.");
            }

            if (s.Intervals.Length > 0)
            {
                list.Add((s, target));
            }
        }

        return list;
    }

    /// <summary>Runs of consecutive chain intervals: a gap is not a zero, so it ends a batch.</summary>
    private static List<(long First, List<MeterReadingValue> Values)> Runs(ImmutableArray<ChainReading> readings)
    {
        var runs = new List<(long First, List<MeterReadingValue> Values)>();
        foreach (var reading in readings)
        {
            if (runs.Count == 0 || runs[^1].First + runs[^1].Values.Count != reading.IntervalIndex)
            {
                runs.Add((reading.IntervalIndex, []));
            }

            runs[^1].Values.Add(new MeterReadingValue(reading.ImportMilliwattHours, reading.ExportMilliwattHours));
        }

        return runs;
    }

    /// <summary>Signed one-batch payloads of at most 1,440 intervals, each small enough for one transaction.</summary>
    private static IEnumerable<ReadingsPayload> Batches(string chainId, string meter, long first, List<MeterReadingValue> values, ISigner signer, int maxPayloadBytes)
    {
        var offset = 0;
        while (offset < values.Count)
        {
            var count = Math.Min(ReadingBatch.MaxIntervals, values.Count - offset);
            ReadingsPayload payload;
            while (true)
            {
                payload = new ReadingsPayload([ReadingBatch.Create(chainId, meter, first + offset, values.GetRange(offset, count), signer)]);
                if (count == 1 || payload.Encode().Length <= maxPayloadBytes)
                {
                    break;
                }

                count = (count + 1) / 2;
            }

            yield return payload;
            offset += count;
        }
    }

    /// <summary>The sender's key and the meter key; the meter key must be the one registered for every meter named.</summary>
    private static Result<(PlayerId Sender, Ed25519Signer SenderKey, Ed25519Signer MeterKey)> LoadKeys(EmbeddedNode node, string data, string sender, string? keyFile, string meterKeyFile, IReadOnlyList<string> meters)
    {
        foreach (var meterId in meters)
        {
            if (SettlementModule.FindMeter(node.Chain.State, meterId) is null)
            {
                return Result<(PlayerId, Ed25519Signer, Ed25519Signer)>.Fail("cli.meter.unknown", $"No meter '{meterId}' is registered.");
            }
        }

        var meterKey = KeyFile.Read(meterKeyFile);
        if (!meterKey.IsSuccess)
        {
            return meterKey.Error;
        }

        var wrong = meters.FirstOrDefault(m => SettlementModule.FindMeter(node.Chain.State, m)!.Signer != meterKey.Value.PublicKey);
        if (wrong is not null)
        {
            meterKey.Value.Dispose();
            return Result<(PlayerId, Ed25519Signer, Ed25519Signer)>.Fail("cli.meter.wrong-key", $"'{meterKeyFile}' is not the key registered for meter '{wrong}'.");
        }

        var signer = SettlementCli.Signer(data, sender, keyFile);
        if (!signer.IsSuccess)
        {
            meterKey.Value.Dispose();
            return signer.Error;
        }

        return (signer.Value.Sender, signer.Value.Signer, meterKey.Value);
    }

    private sealed record BatchResult(string FileMeter, string Meter, string First, string End, int Count, Submission Submission);
}
