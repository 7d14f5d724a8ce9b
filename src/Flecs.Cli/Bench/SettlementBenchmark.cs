using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Flecs.Cli.Output;
using Flecs.Contracts.Library;
using Flecs.Contracts.Lifecycle;
using Flecs.Contracts.Templates;
using Flecs.Contracts.Values;
using Flecs.Core.Identity;
using Flecs.Core.Time;
using Flecs.Core.Units;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;
using Flecs.Market.Clearing;
using Flecs.Market.Interface;
using Flecs.Node.Clients;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;
using Flecs.Settlement;
using Flecs.Settlement.Close;
using Flecs.Settlement.Config;
using Flecs.Settlement.Meters;
using Flecs.Settlement.Orders;
using Spectre.Console;

namespace Flecs.Cli.Bench;

/// <summary>
/// <c>flecs bench settlement</c>: prosumer-intervals settled per second through the embedded node (signed reading
/// batches, scheduled contract executions, MPM and SPM clearing, P2G, journal, invoices), the ledger bytes per
/// prosumer-month and the peak RSS, for a community of N prosumers at 1-minute intervals on a simulated clock.
/// </summary>
internal static class SettlementBenchmark
{
    private const int IntervalsPerHour = 60;

    public static Command Create()
    {
        var prosumers = new Option<int>("--prosumers") { Description = "Active prosumers, each with a bidirectional meter; every pair shares a P2P contract.", DefaultValueFactory = _ => 1_000 };
        var hours = new Option<int>("--hours") { Description = "Simulated hours of 1-minute intervals to settle.", DefaultValueFactory = _ => 24 };
        var keep = new Option<string?>("--data") { Description = "Keep the benchmark's ledger in this (new) directory, e.g. to run `flecs ledger verify` on it." };
        var json = Shell.JsonOption();
        var command = new Command("settlement", "Measure settled prosumer-intervals per second, ledger bytes per prosumer-month and peak RSS.") { prosumers, hours, keep, json };
        command.SetAction(async (r, ct) =>
        {
            var result = await RunAsync(r.GetValue(prosumers), r.GetValue(hours), r.GetValue(keep), ct).ConfigureAwait(false);
            if (r.GetValue(json))
            {
                Shell.WriteJson(result);
            }
            else
            {
                var table = new Table().AddColumn("measure").AddColumn("value").AddColumn("target");
                table.AddRow("prosumer-intervals / s", result.ProsumerIntervalsPerS.ToString("N0", CultureInfo.InvariantCulture), $"≥ {result.TargetProsumerIntervalsPerS:N0}");
                table.AddRow("ledger bytes / prosumer-month", result.BytesPerProsumerMonth.ToString("N0", CultureInfo.InvariantCulture), $"≤ {result.TargetBytesPerProsumerMonth:N0}");
                table.AddRow("peak RSS (MiB)", result.PeakRssMib.ToString("N0", CultureInfo.InvariantCulture), $"≤ {result.TargetPeakRssMib:N0}");
                table.AddRow("prosumers × intervals", $"{result.Prosumers} × {result.Intervals}", string.Empty);
                table.AddRow("transactions / blocks", $"{result.Transactions} / {result.Blocks}", string.Empty);
                table.AddRow("elapsed (s)", result.ElapsedS.ToString("0.0", CultureInfo.InvariantCulture), string.Empty);
                AnsiConsole.Write(table);
            }

            return result.MeetsTargets ? ExitCodes.Ok : ExitCodes.TargetMissed;
        });
        return command;
    }

    public static async Task<SettlementBenchmarkResult> RunAsync(int prosumerCount, int hourCount, string? keep, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(prosumerCount, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(hourCount, 1);
        var root = keep is not null ? Path.GetFullPath(keep) : Path.Combine(Path.GetTempPath(), "flecs-bench-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)));
        try
        {
            var data = new DataDirectory(root);
            var genesis = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);
            var initialized = data.Initialize("flecs-bench", IntervalLength.FromMinutes(1), 1, new SimulationClock(genesis));
            if (!initialized.IsSuccess)
            {
                throw new InvalidOperationException(initialized.Error.ToString());
            }

            var clock = new SimulationClock(genesis + TimeSpan.FromMinutes(1));
            var opened = EmbeddedNode.Open(new NodeOptions { DataDirectory = root, MaxBlockDelay = TimeSpan.FromMilliseconds(20) }, clock);
            if (!opened.IsSuccess)
            {
                throw new InvalidOperationException(opened.Error.ToString());
            }

            var node = opened.Value;
            var blocksBefore = 0L;
            var stopwatch = new Stopwatch();
            var closing = new Stopwatch();
            var transactions = 0;
            double cpu = 0, gcPause = 0;
            var setupBytes = (Persistent: 0L, File: 0L);
            await using (node.ConfigureAwait(false))
            {
                var client = new LedgerClient(node);
                var sa = new Party(PlayerId.Parse("sa"), KeyFile.Read(data.KeyPath(PlayerId.Parse("sa"))).Value);
                var start = (genesis.ToUnixTimeSeconds() / 60) + 1_440;
                var parties = await SetUpAsync(client, sa, prosumerCount, start, hourCount, ct).ConfigureAwait(false);

                // Gateways sign their readings on their own hardware: each day's readings are signed outside the timed run
                // (one day at a time, so that a month does not hold every signed transaction in memory).
                var chainId = node.Genesis.ChainId;
                var sequences = parties.Prosumers.Select(p => SequenceOf(node, p.Id)).ToArray();
                byte[][][] SignDay(int firstHour, int count)
                {
                    var day = new byte[count][][];
                    for (var h = 0; h < count; h++)
                    {
                        day[h] = new byte[prosumerCount][];
                    }

                    Parallel.For(0, prosumerCount, i =>
                    {
                        var p = parties.Prosumers[i];
                        for (var h = 0; h < count; h++)
                        {
                            var first = start + ((firstHour + h) * (long)IntervalsPerHour);
                            var batch = ReadingBatch.Create(chainId, "m-" + p.Id.Value, first, [.. Enumerable.Range(0, IntervalsPerHour).Select(k => Reading(i, first + k))], parties.Gateways[i]);
                            day[h][i] = Transaction.Create(chainId, SettlementTransactionTypes.SubmitReadings, p.Id, sequences[i] + firstHour + h + 1, long.MaxValue / 2, new ReadingsPayload([batch]).Encode(), p.Key).Bytes;
                        }
                    });
                    return day;
                }

                blocksBefore = node.Chain.Head.Height;
                setupBytes = StoreSize(data.StorePath);
                var pauseBefore = GC.GetTotalPauseDuration();
                var signingCpu = TimeSpan.Zero;
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                byte[][][] signed = [];
                for (var h = 0; h < hourCount; h++)
                {
                    if (h % 24 == 0)
                    {
                        var cpuAtSigning = Process.GetCurrentProcess().TotalProcessorTime;
                        signed = SignDay(h, Math.Min(24, hourCount - h));
                        signingCpu += Process.GetCurrentProcess().TotalProcessorTime - cpuAtSigning;
                    }

                    stopwatch.Start();
                    var last = start + ((h + 1L) * IntervalsPerHour) - 1;
                    clock.Set(DateTimeOffset.FromUnixTimeSeconds(((last + 1) * 60) + 5));
                    var results = await Task.WhenAll(signed[h % 24].Chunk(256).Select(chunk => node.SubmitManyAsync(chunk, ct))).ConfigureAwait(false);
                    if (results.SelectMany(r => r).FirstOrDefault(s => !s.IsAccepted) is { } refused)
                    {
                        throw new InvalidOperationException("A reading transaction was rejected: " + refused.RejectionCode);
                    }

                    closing.Start();
                    var close = await client.SendAsync(parties.Mo.Id, parties.Mo.Key, SettlementTransactionTypes.CloseIntervals, new ClosePayload(last).Encode(), ct).ConfigureAwait(false);
                    closing.Stop();
                    stopwatch.Stop();
                    if (!close.IsAccepted)
                    {
                        throw new InvalidOperationException("The close was rejected: " + close.RejectionCode);
                    }

                    transactions += prosumerCount + 1;
                }

                cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore - signingCpu).TotalSeconds;
                gcPause = (GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds;
                blocksBefore = node.Chain.Head.Height - blocksBefore;
            }

            var intervals = hourCount * IntervalsPerHour;
            // The ledger's growth over the settled intervals (players, meters and contracts set up once are not per month).
            var bytes = StoreSize(data.StorePath);
            var perMonth = (bytes.Persistent - setupBytes.Persistent) * (43_200.0 / intervals) / prosumerCount;
            var filePerMonth = (bytes.File - setupBytes.File) * (43_200.0 / intervals) / prosumerCount;
            var rate = (double)prosumerCount * intervals / stopwatch.Elapsed.TotalSeconds;
            var rss = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
            return new SettlementBenchmarkResult(
                Prosumers: prosumerCount,
                Intervals: intervals,
                ProsumerIntervalsPerS: Math.Round(rate),
                TargetProsumerIntervalsPerS: 72_000,
                BytesPerProsumerMonth: Math.Round(perMonth),
                TargetBytesPerProsumerMonth: 1_048_576,
                FileBytesPerProsumerMonth: Math.Round(filePerMonth),
                PeakRssMib: Math.Round(rss),
                TargetPeakRssMib: 2_048,
                Transactions: transactions,
                Blocks: blocksBefore,
                ElapsedS: Math.Round(stopwatch.Elapsed.TotalSeconds, 3),
                CloseS: Math.Round(closing.Elapsed.TotalSeconds, 3),
                CpuS: Math.Round(cpu, 3),
                GcPauseS: Math.Round(gcPause, 3),
                Cores: Environment.ProcessorCount,
                MeetsTargets: rate >= 72_000 && perMonth <= 1_048_576 && rss <= 2_048);
        }
        finally
        {
            if (keep is null && Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    /// <summary>A household's 1-minute metered energy: 5–50 Wh of load, and on odd households PV from 07:00 to 17:00 UTC.</summary>
    private static MeterReadingValue Reading(int prosumer, long interval)
    {
        var x = unchecked(((ulong)interval * 1_000_003UL) + ((ulong)prosumer * 7_919UL));
        x ^= x >> 17;
        x = unchecked(x * 0x9E3779B97F4A7C15UL);
        x ^= x >> 29;
        var load = 5_000 + (long)(x % 45_000);
        var minute = interval % 1_440;
        var pv = prosumer % 2 == 1 ? Math.Max(0, 300 - Math.Abs(minute - 720)) * 200 : 0;
        var net = load - pv;
        return new MeterReadingValue(Math.Max(net, 0), Math.Max(-net, 0));
    }

    /// <summary>
    /// The store's size with its write-ahead log folded in (a checkpoint from a second connection; the node may be running):
    /// what it holds for good (<c>Persistent</c>), and the file (<c>File</c>).
    /// </summary>
    /// <remarks>
    /// Not held for good: free pages, which SQLite reuses, and the state log, a bounded buffer of the blocks' writes since
    /// the last state snapshot (folded into the next snapshot once it outgrows the snapshot, or 16 MiB; see
    /// docs/formats/sqlite-store.md). A run of a day would otherwise count up to 16 MiB of buffer, thirty times over, as
    /// a month's growth. A log row's pages are counted as its bytes over 4,092, the payload of an overflow page.
    /// </remarks>
    private static (long Persistent, long File) StoreSize(string storePath)
    {
        long persistent;
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = storePath, Pooling = false }.ToString()))
        {
            connection.Open();
            long Scalar(string sql)
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            }

            Scalar("PRAGMA wal_checkpoint(TRUNCATE)");
            var pageSize = Scalar("PRAGMA page_size");
            var livePages = Scalar("PRAGMA page_count") - Scalar("PRAGMA freelist_count");
            var logPages = Scalar("SELECT COALESCE(SUM((LENGTH(writes) + 4091) / 4092), 0) FROM state_log");
            persistent = (livePages - logPages) * pageSize;
        }

        var file = new FileInfo(storePath).Length + (File.Exists(storePath + "-wal") ? new FileInfo(storePath + "-wal").Length : 0);
        return (persistent, file);
    }

    private static long SequenceOf(EmbeddedNode node, PlayerId id) =>
        node.Chain.State.TryGet(PlayerRecord.StateKey(id), out var bytes) ? PlayerRecord.Decode(bytes).Sequence : 0;

    private static async Task<Parties> SetUpAsync(LedgerClient client, Party sa, int prosumerCount, long start, int hourCount, CancellationToken ct)
    {
        var others = new (string Id, PlayerRole Role)[]
        {
            ("mo", PlayerRole.MarketOperator), ("so", PlayerRole.SystemOperator), ("distco", PlayerRole.DistributionCompany),
            ("transco", PlayerRole.TransmissionCompany), ("tradco", PlayerRole.TradingCompany), ("wind", PlayerRole.GenerationCompany), ("gas", PlayerRole.GenerationCompany),
        };
        var named = new Dictionary<string, Party>(StringComparer.Ordinal);
        var prosumers = new Party[prosumerCount];
        var gateways = new Ed25519Signer[prosumerCount];
        var setup = new List<Task<Submission>>();
        foreach (var (id, role) in others)
        {
            named[id] = new Party(PlayerId.Parse(id), Ed25519Signer.Generate());
            setup.Add(client.RegisterActiveAsync(sa.Id, sa.Key, named[id].Id, role, named[id].Key.PublicKey, ct));
        }

        for (var i = 0; i < prosumerCount; i++)
        {
            prosumers[i] = new Party(PlayerId.Parse($"p-{i:D5}"), Ed25519Signer.Generate());
            gateways[i] = Ed25519Signer.Generate();
            setup.Add(client.RegisterActiveAsync(sa.Id, sa.Key, prosumers[i].Id, PlayerRole.Prosumer, prosumers[i].Key.PublicKey, ct));
        }

        await ExpectAllAsync(setup).ConfigureAwait(false);
        await ExpectAllAsync(named.Values.Concat(prosumers).Select(p => client.ActOnAsync(sa.Id, sa.Key, TransactionType.AuthorizePlayer, p.Id, "bench", ct)).ToList()).ConfigureAwait(false);

        var config = new SettlementConfig(
            start,
            ClearingMechanism.PayAsClear,
            new EnergyPrice(80_000),
            new EnergyPrice(4_000_000),
            new EnergyPrice(40_000),
            new EnergyPrice(10_000),
            [new GridFee(GridLevel.Transmission, new EnergyPrice(10_000), new EnergyPrice(1_000)), new GridFee(GridLevel.MediumVoltage, new EnergyPrice(30_000), new EnergyPrice(500)), new GridFee(GridLevel.LowVoltage, new EnergyPrice(70_000), EnergyPrice.Zero)],
            named["tradco"].Id,
            ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(GridLevel.Transmission, named["transco"].Id), KeyValuePair.Create(GridLevel.MediumVoltage, named["distco"].Id), KeyValuePair.Create(GridLevel.LowVoltage, named["distco"].Id)]),
            named["mo"].Id,
            1_440,
            BillingDays: 0);
        await ExpectAllAsync([client.SendAsync(sa.Id, sa.Key, SettlementTransactionTypes.ConfigureSettlement, config.Encode(), ct)]).ConfigureAwait(false);
        await ExpectAllAsync(prosumers.Select((p, i) => client.SendAsync(p.Id, p.Key, SettlementTransactionTypes.RegisterMeter, new MeterRecord("m-" + p.Id.Value, p.Id, gateways[i].PublicKey, "zone-" + (i % 10).ToString(CultureInfo.InvariantCulture), GridLevel.LowVoltage, MeterKind.Bidirectional, false, 15_000, start).Encode(), ct)).ToList()).ConfigureAwait(false);

        // Every pair of neighbours shares a P2P contract: the odd one (with PV) sells to the even one.
        var template = StandardLibrary.Get("p2p-fixed");
        var analyzed = TemplateAnalyzer.Analyze(template.Source).Value;
        var parameters = ContractValue.ParseJson("""{ "price": 110000 }""").Value;
        var sample = ContractValue.Map(("params", parameters), ("inputs", DryRunSample.For(analyzed.Meta)["inputs"]!));
        await ExpectAllAsync([client.SendAsync(sa.Id, sa.Key, ContractTransactionTypes.CertifyTemplate, new CertifyTemplatePayload(template.Source, [sample]).Encode(), ct)]).ConfigureAwait(false);
        var end = start + (hourCount * (long)IntervalsPerHour);
        var proposals = await ExpectAllAsync(Enumerable.Range(0, prosumerCount / 2).Select(k =>
        {
            var (seller, buyer) = (prosumers[(2 * k) + 1], prosumers[2 * k]);
            var partiesOf = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("buyer", buyer.Id), KeyValuePair.Create("seller", seller.Id)]);
            return client.SendAsync(seller.Id, seller.Key, ContractTransactionTypes.ProposeContract, new ProposeContractPayload(template.Hash, parameters, partiesOf, start, end).Encode(), ct);
        }).ToList()).ConfigureAwait(false);
        await ExpectAllAsync(proposals.Select((p, k) => client.SendAsync(prosumers[2 * k].Id, prosumers[2 * k].Key, ContractTransactionTypes.AcceptContract, new ContractActionPayload(p.TransactionId, p.TransactionId, ContractValue.Null, 0, string.Empty).Encode(), ct)).ToList()).ConfigureAwait(false);

        // The MPM: wind and gas offers and the System Operator's hourly demand; in the SPM a tenth of the prosumers trade.
        var intervals = hourCount * (long)IntervalsPerHour;
        var orders = new List<Task<Submission>>
        {
            OrdersAsync(named["wind"], MarketKind.Mpm, Weekly(side: 2, 400_000_000, 0, 3)),
            OrdersAsync(named["gas"], MarketKind.Mpm, Weekly(side: 2, 5_000_000_000, 90_000, 5)),
            OrdersAsync(named["so"], MarketKind.Mpm, [.. Enumerable.Range(0, hourCount).Select(h => new OrderRequest(1, start + (h * (long)IntervalsPerHour), IntervalsPerHour, 300_000_000 + ((h % 24) * 20_000_000L), null, 0))]),
        };
        for (var i = 0; i < prosumerCount; i += 10)
        {
            orders.Add(OrdersAsync(prosumers[i], MarketKind.Spm, Weekly(1 + (i / 10 % 2), 10_000, 100_000 + (i % 7 * 5_000), 0)));
        }

        await ExpectAllAsync(orders).ConfigureAwait(false);
        return new Parties(named["mo"], prosumers, gateways);

        // A standing order covers at most a week: a longer run places one per week.
        ImmutableArray<OrderRequest> Weekly(int side, long quantity, long? price, int technology) =>
            [.. Enumerable.Range(0, (int)((intervals + SettlementModule.MaxOrderIntervals - 1) / SettlementModule.MaxOrderIntervals)).Select(w =>
                new OrderRequest(side, start + (w * SettlementModule.MaxOrderIntervals), Math.Min(SettlementModule.MaxOrderIntervals, intervals - (w * SettlementModule.MaxOrderIntervals)), quantity, price, technology))];

        Task<Submission> OrdersAsync(Party party, MarketKind market, ImmutableArray<OrderRequest> requests) =>
            client.SendAsync(party.Id, party.Key, SettlementTransactionTypes.SubmitOrders, new OrdersPayload((int)market, party.Id, requests).Encode(), ct);
    }

    private static async Task<Submission[]> ExpectAllAsync(IReadOnlyList<Task<Submission>> submissions)
    {
        var results = await Task.WhenAll(submissions).ConfigureAwait(false);
        return results.FirstOrDefault(s => !s.IsAccepted) is { } refused
            ? throw new InvalidOperationException("Benchmark setup was rejected: " + refused.RejectionCode + " " + refused.AdmissionError)
            : results;
    }

    private sealed record Party(PlayerId Id, Ed25519Signer Key);

    private sealed record Parties(Party Mo, Party[] Prosumers, Ed25519Signer[] Gateways);
}
