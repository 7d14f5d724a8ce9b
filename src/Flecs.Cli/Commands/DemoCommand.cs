using System.CommandLine;
using System.Globalization;
using System.Collections.Immutable;
using Flecs.Cli.Output;
using Flecs.Contracts.Library;
using Flecs.Contracts.Lifecycle;
using Flecs.Contracts.Templates;
using Flecs.Contracts.Values;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Core.Time;
using Flecs.Core.Units;
using Flecs.Settlement.Close;
using Flecs.Crypto.Hashing;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Players;
using Flecs.Ledger.Proofs;
using Flecs.Ledger.Registry;
using Flecs.Ledger.Transactions;
using Flecs.Ledger.Verification;
using Flecs.Node.Clients;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;
using Flecs.Simulation.Scenarios;
using Flecs.Ledger.Storage;
using Spectre.Console;

namespace Flecs.Cli.Commands;

/// <summary>
/// <c>flecs demo</c>: builds a small chain through the real embedded node that exercises every ledger
/// transaction kind and every rejection reason, then verifies the chain and a light client's proofs; then simulates
/// the built-in district scenario (docs/scenarios.md) and writes its report.
/// </summary>
internal static class DemoCommand
{
    private const string DemoMarker = "FLECS-DEMO";

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The demo's data directory; a previous demo there is replaced.", DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var json = Shell.JsonOption();
        var command = new Command("demo", "Build a demo chain with every transaction kind, verify it and its proofs, then simulate the default district for a week and write its report.") { data, json };
        command.SetAction(async (r, ct) => await RunAsync(r.GetValue(data)!, r.GetValue(json), ct).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> RunAsync(string dataPath, bool json, CancellationToken ct)
    {
        var directory = new DataDirectory(dataPath);
        var marker = Path.Combine(directory.Root, DemoMarker);
        if (Directory.Exists(directory.Root) && Directory.EnumerateFileSystemEntries(directory.Root).Any())
        {
            if (!File.Exists(marker))
            {
                return Shell.Fail(new Error("cli.demo.not-a-demo", $"'{directory.Root}' is not empty and holds no earlier demo; the demo replaces only its own directories. Choose another --data."), json, ExitCodes.DataDirectory);
            }

            Directory.Delete(directory.Root, recursive: true);
        }

        Directory.CreateDirectory(directory.Root);
        await File.WriteAllTextAsync(marker, "Created by 'flecs demo'; the next demo run with this --data replaces this directory.\n", ct).ConfigureAwait(false);

        var init = directory.Initialize("flecs-demo", IntervalLength.FromMinutes(1), 1, TimeProvider.System);
        if (!init.IsSuccess)
        {
            return Shell.Fail(init.Error, json);
        }

        var log = new List<(string Step, Submission Result)>();
        var sa = PlayerId.Parse("sa");
        using var saKey = KeyFile.Read(directory.KeyPath(sa)).Value;
        var keys = new Dictionary<string, Ed25519Signer>(StringComparer.Ordinal);
        var validator2 = PlayerId.Parse("validator-2");
        IReadOnlyList<Flecs.Settlement.Close.Invoice> invoices = [];
        try
        {
            // The demo's first node runs on a simulated clock: its settlement day passes in seconds (docs/settlement.md#simulated-time).
            var clock = new SimulationClock(TimeProvider.System.GetUtcNow());
            var opened = EmbeddedNode.Open(new NodeOptions { DataDirectory = directory.Root, MaxBlockDelay = TimeSpan.FromMilliseconds(5) }, clock);
            if (!opened.IsSuccess)
            {
                return Shell.Fail(opened.Error, json);
            }

            var node = opened.Value;
            await using (node.ConfigureAwait(false))
            {
                var client = new LedgerClient(node);
#pragma warning disable VSTHRD003 // The submissions are started by this method just before they are recorded.
                async Task<Submission> RecordAsync(string step, Task<Submission> submission)
                {
                    var result = await submission.ConfigureAwait(false);
                    log.Add((step, result));
                    return result;
                }
#pragma warning restore VSTHRD003

                Ed25519Signer Key(string id)
                {
                    if (!keys.TryGetValue(id, out var key))
                    {
                        key = Ed25519Signer.Generate();
                        KeyFile.Write(directory.KeyPath(PlayerId.Parse(id)), key);
                        keys[id] = key;
                    }

                    return key;
                }

                var active = new (string Id, PlayerRole Role)[]
                {
                    ("genco-nuclear", PlayerRole.GenerationCompany), ("genco-wind", PlayerRole.GenerationCompany), ("genco-gas", PlayerRole.GenerationCompany),
                    ("transco", PlayerRole.TransmissionCompany), ("distco", PlayerRole.DistributionCompany), ("system-operator", PlayerRole.SystemOperator),
                    ("market-operator", PlayerRole.MarketOperator), ("regulator", PlayerRole.Regulator), ("tradco-1", PlayerRole.TradingCompany),
                    ("aggco-1", PlayerRole.Aggregator), ("dr-1", PlayerRole.DemandResponseProvider),
                    ("prosumer-1", PlayerRole.Prosumer), ("prosumer-2", PlayerRole.Prosumer), ("prosumer-3", PlayerRole.Prosumer), ("prosumer-4", PlayerRole.Prosumer),
                };
                foreach (var (id, role) in active)
                {
                    await RecordAsync("SA registers active players of every role", client.RegisterActiveAsync(sa, saKey, PlayerId.Parse(id), role, Key(id).PublicKey, ct)).ConfigureAwait(false);
                }

                var applicant = PlayerId.Parse("prosumer-5");
                await RecordAsync("prosumer-5 tries to register itself", client.RegisterActiveAsync(applicant, Key("prosumer-5"), applicant, PlayerRole.Prosumer, Key("prosumer-5").PublicKey, ct)).ConfigureAwait(false);
                await RecordAsync("SA registers prosumer-5 with the key it handed over", client.RegisterActiveAsync(sa, saKey, applicant, PlayerRole.Prosumer, Key("prosumer-5").PublicKey, ct)).ConfigureAwait(false);
                await RecordAsync("prosumer-5 sends before authorization", client.AnchorAsync(applicant, Key("prosumer-5"), Document("early"), "plan", ct)).ConfigureAwait(false);
                foreach (var id in active.Select(a => a.Id).Append("prosumer-5"))
                {
                    await RecordAsync("SA authorizes the players", client.ActOnAsync(sa, saKey, TransactionType.AuthorizePlayer, PlayerId.Parse(id), "identity and connection checked", ct)).ConfigureAwait(false);
                }

                var aggco = PlayerId.Parse("aggco-1");
                for (var i = 1; i <= 3; i++)
                {
                    var customer = PlayerId.Parse($"household-{i}");
                    await RecordAsync("aggco-1 registers passive households it represents", client.RegisterPassiveAsync(aggco, Key("aggco-1"), customer, PlayerRole.Prosumer, aggco, ct)).ConfigureAwait(false);
                    await RecordAsync("SA authorizes the households", client.ActOnAsync(sa, saKey, TransactionType.AuthorizePlayer, customer, "represented by aggco-1", ct)).ConfigureAwait(false);
                }

                var anchors = new List<Task<Submission>>();
                foreach (var (id, _) in active)
                {
                    anchors.Add(RecordAsync("players anchor their signed agreements", client.AnchorAsync(PlayerId.Parse(id), Key(id), Document("agreement/" + id), "agreement", ct)));
                }

                await Task.WhenAll(anchors).ConfigureAwait(false);

                var p4 = PlayerId.Parse("prosumer-4");
                await RecordAsync("SA suspends prosumer-4", client.ActOnAsync(sa, saKey, TransactionType.SuspendPlayer, p4, "meter tampering under review", ct)).ConfigureAwait(false);
                await RecordAsync("suspended prosumer-4 sends", client.AnchorAsync(p4, Key("prosumer-4"), Document("while-suspended"), "plan", ct)).ConfigureAwait(false);
                client.ResetSequence(p4);
                await RecordAsync("SA re-authorizes prosumer-4", client.ActOnAsync(sa, saKey, TransactionType.AuthorizePlayer, p4, "review closed", ct)).ConfigureAwait(false);
                await RecordAsync("prosumer-4 sends again", client.AnchorAsync(p4, Key("prosumer-4"), Document("after-review"), "plan", ct)).ConfigureAwait(false);

                var p3 = PlayerId.Parse("prosumer-3");
                var oldKey = Key("prosumer-3");
                using var newKey = Ed25519Signer.Generate();
                await RecordAsync("SA rotates prosumer-3's key", client.SetKeyAsync(sa, saKey, TransactionType.RotateKey, p3, newKey.PublicKey, ct)).ConfigureAwait(false);
                await RecordAsync("prosumer-3 signs with its old key", client.AnchorAsync(p3, oldKey, Document("old-key"), "plan", ct)).ConfigureAwait(false);
                client.ResetSequence(p3);
                await RecordAsync("prosumer-3 signs with its new key", client.AnchorAsync(p3, newKey, Document("new-key"), "plan", ct)).ConfigureAwait(false);

                var replayed = client.Sign(PlayerId.Parse("prosumer-1"), Key("prosumer-1"), TransactionType.AnchorDocument, new AnchorDocumentPayload(Document("replayed"), "plan").Encode());
                await RecordAsync("prosumer-1 anchors a plan", node.SubmitAsync(replayed.Bytes, ct)).ConfigureAwait(false);
                await RecordAsync("an attacker replays that transaction", node.SubmitAsync(replayed.Bytes, ct)).ConfigureAwait(false);

                var p2 = PlayerId.Parse("prosumer-2");
                var skipped = Transaction.Create(node.Genesis.ChainId, TransactionType.AnchorDocument, p2, 99, node.Chain.Head.Height + 100, new AnchorDocumentPayload(Document("skip"), "plan").Encode(), Key("prosumer-2"));
                await RecordAsync("prosumer-2 skips sequence numbers", node.SubmitAsync(skipped.Bytes, ct)).ConfigureAwait(false);
                var expired = Transaction.Create(node.Genesis.ChainId, TransactionType.AnchorDocument, p2, 2, 1, new AnchorDocumentPayload(Document("late"), "plan").Encode(), Key("prosumer-2"));
                await RecordAsync("prosumer-2 sends an expired transaction", node.SubmitAsync(expired.Bytes, ct)).ConfigureAwait(false);
                var forged = client.Sign(p2, Key("prosumer-1"), TransactionType.AnchorDocument, new AnchorDocumentPayload(Document("forged"), "plan").Encode());
                await RecordAsync("prosumer-1 forges prosumer-2's signature", node.SubmitAsync(forged.Bytes, ct)).ConfigureAwait(false);
                client.ResetSequence(p2);
                var stranger = PlayerId.Parse("stranger");
                using var strangerKey = Ed25519Signer.Generate();
                await RecordAsync("an unregistered sender anchors a document", client.AnchorAsync(stranger, strangerKey, Document("stranger"), "plan", ct)).ConfigureAwait(false);
                await RecordAsync("passive household-1 signs for itself", client.AnchorAsync(PlayerId.Parse("household-1"), strangerKey, Document("passive"), "plan", ct)).ConfigureAwait(false);
                await RecordAsync("tradco-1 tries to suspend prosumer-1", client.ActOnAsync(PlayerId.Parse("tradco-1"), Key("tradco-1"), TransactionType.SuspendPlayer, PlayerId.Parse("prosumer-1"), "competition", ct)).ConfigureAwait(false);
                await RecordAsync("a malformed transaction arrives", node.SubmitAsync([0x82, 0x01, 0xff, 0x00], ct)).ConfigureAwait(false);
                var oversized = Transaction.Create(node.Genesis.ChainId, TransactionType.AnchorDocument, PlayerId.Parse("prosumer-1"), 3, node.Chain.Head.Height + 100, new byte[node.Genesis.Limits.MaxTransactionBytes], Key("prosumer-1"));
                await RecordAsync("an oversized transaction arrives", node.SubmitAsync(oversized.Bytes, ct)).ConfigureAwait(false);

                await RunContractsAsync(client, sa, saKey, Key, RecordAsync, ct).ConfigureAwait(false);
                invoices = await DemoSettlement.RunAsync(node, clock, client, sa, saKey, Key, RecordAsync, ct).ConfigureAwait(false);

                await RecordAsync("SA adds validator-2", client.SetKeyAsync(sa, saKey, TransactionType.AddValidator, validator2, Key("validator-2").PublicKey, ct)).ConfigureAwait(false);
                await RecordAsync("SA revokes dr-1", client.ActOnAsync(sa, saKey, TransactionType.RevokePlayer, PlayerId.Parse("dr-1"), "contract breach", ct)).ConfigureAwait(false);
            }

            var reopened = Shell.OpenNode(directory.Root, "validator-2");
            if (!reopened.IsSuccess)
            {
                return Shell.Fail(reopened.Error, json);
            }

            Hash256 provenId;
            var second = reopened.Value;
            await using (second.ConfigureAwait(false))
            {
                var client = new LedgerClient(second);
                var p1 = PlayerId.Parse("prosumer-1");
                var proven = await client.AnchorAsync(p1, keys["prosumer-1"], Document("sealed-by-validator-2"), "plan", ct).ConfigureAwait(false);
                log.Add(("prosumer-1 anchors a plan (sealed by validator-2)", proven));
                provenId = proven.TransactionId;
                log.Add(("SA removes validator-1", await client.ActOnAsync(sa, saKey, TransactionType.RemoveValidator, PlayerId.Parse("validator-1"), "hardware retired", ct).ConfigureAwait(false)));
                log.Add(("SA removes validator-2 (the last)", await client.ActOnAsync(sa, saKey, TransactionType.RemoveValidator, validator2, "test", ct).ConfigureAwait(false)));
            }

            // Then the district (docs/scenarios.md): the built-in scenario through its own node, with the report.
            var scenario = ScenarioFile.Load(ScenarioFile.DefaultName).Value;
            var districtPath = Path.Combine(directory.Root, "district");
            if (json)
            {
                var quiet = await SimulateCommand.RunQuietlyOrWithProgressAsync(scenario, districtPath, showProgress: false, ct).ConfigureAwait(false);
                return quiet.IsSuccess
                    ? Summarize(directory, init.Value, log, provenId, invoices, json, quiet.Value)
                    : Shell.Fail(quiet.Error, json, SimulateCommand.ExitCodeOf(quiet.Error.Code));
            }

            var code = Summarize(directory, init.Value, log, provenId, invoices, json, null);
            AnsiConsole.WriteLine();
            AnsiConsole.Write(new Rule($"[bold]The district — {Markup.Escape(scenario.Name)}: {scenario.Households.Sum(g => g.Count)} households for {scenario.Days} days at {scenario.IntervalMinutes}-minute intervals[/]").LeftJustified());
            AnsiConsole.MarkupLineInterpolated($"[grey]{scenario.Description}[/]");
            var district = await SimulateCommand.RunQuietlyOrWithProgressAsync(scenario, districtPath, showProgress: true, ct).ConfigureAwait(false);
            if (!district.IsSuccess)
            {
                return Shell.Fail(district.Error, json, SimulateCommand.ExitCodeOf(district.Error.Code));
            }

            SimulateCommand.PrintSummary(district.Value);
            return code != ExitCodes.Ok ? code : district.Value.Result.Ledger.Verified ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        }
        finally
        {
            foreach (var key in keys.Values)
            {
                key.Dispose();
            }
        }
    }

    /// <summary>Certified templates, contracts proposed and accepted (one for a passive household through its aggregator), executed intervals, an amendment, an SA patch, a mutual termination, and a hostile template refused.</summary>
    private static async Task RunContractsAsync(LedgerClient client, PlayerId sa, Ed25519Signer saKey, Func<string, Ed25519Signer> key, Func<string, Task<Submission>, Task<Submission>> record, CancellationToken ct)
    {
        Task<Submission> SendAsync(string step, string sender, Ed25519Signer signer, TransactionType type, byte[] payload) =>
            record(step, client.SendAsync(PlayerId.Parse(sender), signer, type, payload, ct));

        foreach (var kind in new[] { "p2p-fixed", "virtual-ppa", "take-or-pay" })
        {
            var template = StandardLibrary.Get(kind);
            await SendAsync("SA certifies standard contract templates", "sa", saKey, ContractTransactionTypes.CertifyTemplate, new CertifyTemplatePayload(template.Source, [DryRunSample.For(template.Meta)]).Encode()).ConfigureAwait(false);
        }

        const string Hostile = "export const meta = { name: \"clock\", version: \"1\", kind: \"clock\", parties: [\"a\"] };\nexport function interval(ctx) { return { state: { t: Date.now() } }; }\n";
        await SendAsync("SA refuses a template that reads the clock", "sa", saKey, ContractTransactionTypes.CertifyTemplate, new CertifyTemplatePayload(Hostile, [ContractValue.EmptyMap]).Encode()).ConfigureAwait(false);

        const long Start = 1_767_225_600 / 60; // 2026-01-01T00:00Z in 1-minute intervals
        async Task<Hash256> ContractAsync(string kind, string proposer, string acceptor, string parameters, params (string Role, string Player)[] parties)
        {
            var payload = new ProposeContractPayload(StandardLibrary.Get(kind).Hash, ContractValue.ParseJson(parameters).Value, parties.ToImmutableSortedDictionary(p => p.Role, p => PlayerId.Parse(p.Player), StringComparer.Ordinal), Start, Start + 60);
            var proposed = await SendAsync("players propose contracts on certified templates", proposer, key(proposer), ContractTransactionTypes.ProposeContract, payload.Encode()).ConfigureAwait(false);
            await SendAsync("counterparties accept (aggco-1 for its household)", acceptor, key(acceptor), ContractTransactionTypes.AcceptContract, new ContractActionPayload(proposed.TransactionId, proposed.TransactionId, ContractValue.Null, 0, string.Empty).Encode()).ConfigureAwait(false);
            return proposed.TransactionId;
        }

        var p2p = await ContractAsync("p2p-fixed", "prosumer-1", "prosumer-2", """{ "price": 120000 }""", ("seller", "prosumer-1"), ("buyer", "prosumer-2")).ConfigureAwait(false);
        var household = await ContractAsync("p2p-fixed", "prosumer-4", "aggco-1", """{ "price": 110000 }""", ("seller", "prosumer-4"), ("buyer", "household-1")).ConfigureAwait(false);
        var ppa = await ContractAsync("virtual-ppa", "genco-wind", "tradco-1", """{ "strike": 70000 }""", ("generator", "genco-wind"), ("offtaker", "tradco-1")).ConfigureAwait(false);
        var mo = key("market-operator");
        string Series(long first, string meters) =>
            $$"""{ "start": "{{DateTimeOffset.FromUnixTimeSeconds(first * 60).ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture)}}", "minutes": 1, "count": 15, "meters": { {{meters}} }, "prices": { "reference": [52000, 55000, 61000, 68000, 74000, 79000, 83000, 86000, 84000, 80000, 75000, 69000, 64000, 60000, 58000] } }""";
        const string Pv = "[0, 0, 300, 900, 1800, 2700, 3500, 4100, 4400, 4300, 3900, 3200, 2300, 1300, 400]";
        const string Load = "[700, 650, 600, 640, 720, 900, 1100, 950, 800, 760, 820, 900, 1000, 1200, 1500]";
        const string Wind = "[90000000, 95000000, 88000000, 70000000, 64000000, 71000000, 83000000, 97000000, 105000000, 99000000, 87000000, 80000000, 76000000, 72000000, 69000000]";
        const string P2pMeters = $$""" "seller": { "import": 0, "export": {{Pv}} }, "buyer": { "import": {{Load}}, "export": 0 } """;
        const string WindMeters = $$""" "generator": { "import": 0, "export": {{Wind}}, "renewable": true } """;
        Task<Submission> ExecuteAsync(string step, Hash256 contract, long first, string meters) =>
            SendAsync(step, "market-operator", mo, ContractTransactionTypes.ExecuteContract, new ExecuteContractPayload(contract, ContractValue.ParseJson(Series(first, meters)).Value).Encode());

        foreach (var first in new[] { Start, Start + 15 })
        {
            await ExecuteAsync("market operator executes contract intervals", p2p, first, P2pMeters).ConfigureAwait(false);
            await ExecuteAsync("market operator executes contract intervals", household, first, P2pMeters).ConfigureAwait(false);
            await ExecuteAsync("market operator executes contract intervals", ppa, first, WindMeters).ConfigureAwait(false);
        }

        await ExecuteAsync("market operator repeats an executed interval", p2p, Start, P2pMeters).ConfigureAwait(false);
        var amend = await SendAsync("prosumer-2 proposes a lower price from interval 45", "prosumer-2", key("prosumer-2"), ContractTransactionTypes.AmendContract, new ContractActionPayload(p2p, p2p, ContractValue.ParseJson("""{ "price": 100000 }""").Value, Start + 45, "seasonal price").Encode()).ConfigureAwait(false);
        await SendAsync("prosumer-1 accepts the amendment", "prosumer-1", key("prosumer-1"), ContractTransactionTypes.AcceptContract, new ContractActionPayload(p2p, amend.TransactionId, ContractValue.Null, 0, string.Empty).Encode()).ConfigureAwait(false);
        await SendAsync("SA patches the virtual PPA's strike with a reason", "sa", saKey, ContractTransactionTypes.PatchContract, new ContractActionPayload(ppa, StandardLibrary.Get("virtual-ppa").Hash, ContractValue.ParseJson("""{ "strike": 72000 }""").Value, Start + 30, "indexation clause applied by the regulator's decision 2026/17").Encode()).ConfigureAwait(false);
        var terminate = await SendAsync("prosumer-4 proposes to end its contract early", "prosumer-4", key("prosumer-4"), ContractTransactionTypes.TerminateContract, new ContractActionPayload(household, household, ContractValue.Null, Start + 30, "household moved").Encode()).ConfigureAwait(false);
        await SendAsync("aggco-1 accepts the termination for household-1", "aggco-1", key("aggco-1"), ContractTransactionTypes.AcceptContract, new ContractActionPayload(household, terminate.TransactionId, ContractValue.Null, 0, string.Empty).Encode()).ConfigureAwait(false);
    }

    private static int Summarize(DataDirectory directory, GenesisConfig genesis, List<(string Step, Submission Result)> log, Hash256 provenId, IReadOnlyList<Flecs.Settlement.Close.Invoice> invoices, bool json, SimulateCommand.Completed? district)
    {
        using var store = directory.OpenStore();
        var verifier = new Ed25519SignatureVerifier();
        var report = LedgerVerifier.Verify(store, verifier, StandardModules.Executors(), trustedGenesis: File.ReadAllBytes(directory.GenesisPath));
        var proofPath = Path.Combine(directory.Root, "proof-tx.cbor");
        var consistencyPath = Path.Combine(directory.Root, "proof-consistency.cbor");
        var txProof = ProofBuilder.ForTransaction(store, genesis, provenId).Value;
        File.WriteAllBytes(proofPath, txProof.Encode());
        var consistency = ProofBuilder.Consistency(store, genesis, 1, store.HeadHeight).Value;
        File.WriteAllBytes(consistencyPath, consistency.Encode());
        var lightGenesis = GenesisConfig.Decode(File.ReadAllBytes(directory.GenesisPath)).Value;
        var txCheck = ((TransactionProof)ProofEncoding.Decode(File.ReadAllBytes(proofPath)).Value).Verify(lightGenesis, verifier);
        var consistencyCheck = ((ConsistencyProof)ProofEncoding.Decode(File.ReadAllBytes(consistencyPath)).Value).Verify(lightGenesis, verifier);
        var (blocks, transactions, accepted) = store.Count();
        var kinds = CountKinds(store);
        var invoiceTotal = invoices.Sum(i => i.Total);
        var ok = report.IsValid && txCheck.IsSuccess && consistencyCheck.IsSuccess && invoices.Count > 0 && invoiceTotal == 0 && district?.Result.Ledger.Verified != false;

        if (json)
        {
            Shell.WriteJson(new
            {
                ok,
                data = directory.Root,
                chain_id = genesis.ChainId,
                genesis_hash = GenesisBlock.Create(genesis).Hash.ToString(),
                head_height = report.HeadHeight,
                head_hash = report.HeadHash.ToString(),
                blocks,
                transactions,
                accepted,
                rejected = transactions - accepted,
                transaction_kinds = kinds.ToDictionary(k => k.Key, k => new { accepted = k.Value.Accepted, rejected = k.Value.Rejected }, StringComparer.Ordinal),
                rejection_codes = log.Where(l => !l.Result.IsAccepted).GroupBy(l => l.Result.RejectionCode!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
                verify = new { ok = report.IsValid, code = report.Error?.Code, message = report.Error?.Message },
                transaction_proof = new { file = proofPath, ok = txCheck.IsSuccess, code = txCheck.Error?.Code },
                consistency_proof = new { file = consistencyPath, ok = consistencyCheck.IsSuccess, code = consistencyCheck.Error?.Code },
                invoices = invoices.Select(i => new
                {
                    account = i.Account,
                    period = i.Period,
                    intervals = i.Intervals,
                    metered_kwh = FixedPoint.Format(i.Lines.Where(l => l.Kind is LineKind.Metered or LineKind.MeteredCorrection).Sum(l => l.Energy), 6),
                    total = FixedPoint.Format(i.Total, 6),
                    root = i.Root.ToString(),
                }),
                invoices_sum_to_zero = invoiceTotal == 0,
                district = district is null ? null : SimulateCommand.JsonSummary(district),
            });
            return ok ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        }

        AnsiConsole.Write(new Rule("[bold]FLECS demo — a Proof-of-Authority ledger run by the Supervising Authority[/]").LeftJustified());
        AnsiConsole.MarkupLineInterpolated($"Chain [bold]{genesis.ChainId}[/] in {directory.Root}; genesis {GenesisBlock.Create(genesis).Hash.ToString()[..16]}…");
        var steps = new Table().Title("What happened").AddColumn("step").AddColumn("txs").AddColumn("blocks").AddColumn("outcome");
        foreach (var group in log.GroupBy(l => l.Step, StringComparer.Ordinal))
        {
            var heights = group.Where(g => g.Result.Height >= 0).Select(g => g.Result.Height).ToArray();
            var first = group.First().Result;
            steps.AddRow(
                Markup.Escape(group.Key),
                group.Count().ToString(CultureInfo.InvariantCulture),
                heights.Length == 0 ? "-" : heights.Min() == heights.Max() ? heights[0].ToString(CultureInfo.InvariantCulture) : $"{heights.Min()}–{heights.Max()}",
                group.All(g => g.Result.IsAccepted) ? "[green]accepted[/]"
                    : $"[red]rejected[/] {Markup.Escape(first.RejectionCode ?? string.Empty)}{(first.AdmissionError is null ? string.Empty : " (at admission)")}");
        }

        AnsiConsole.Write(steps);
        var kindTable = new Table().Title("Transactions by kind").AddColumn("kind").AddColumn("accepted").AddColumn("rejected");
        foreach (var (kind, counts) in kinds)
        {
            kindTable.AddRow(kind, counts.Accepted.ToString(CultureInfo.InvariantCulture), counts.Rejected.ToString(CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(kindTable);
        var invoiceTable = new Table().Title($"Invoices for the settled day ({(invoices.Count > 0 ? invoices[0].Intervals : 0)} one-minute intervals; money + = received)")
            .AddColumn("account").AddColumn(new TableColumn("metered kWh").RightAligned()).AddColumn(new TableColumn("contracts").RightAligned()).AddColumn(new TableColumn("SPM").RightAligned())
            .AddColumn(new TableColumn("P2G").RightAligned()).AddColumn(new TableColumn("late kWh").RightAligned()).AddColumn(new TableColumn("total").RightAligned());
        foreach (var invoice in invoices)
        {
            string Sum(params LineKind[] kinds) => Money(invoice.Lines.Where(l => kinds.Contains(l.Kind)).Sum(l => l.Money));
            string Kwh(LineKind kind) => FixedPoint.Format(invoice.Lines.Where(l => l.Kind == kind).Sum(l => l.Energy) / 1_000, 3);
            invoiceTable.AddRow(
                Markup.Escape(invoice.Account),
                Kwh(LineKind.Metered),
                Sum(LineKind.Contract),
                Sum(LineKind.Spm, LineKind.SpmSurplus),
                Sum(LineKind.P2gEnergy, LineKind.RetailSpread, LineKind.GridFee, LineKind.Correction),
                Kwh(LineKind.MeteredCorrection),
                Money(invoice.Total));
        }

        AnsiConsole.Write(invoiceTable);
        AnsiConsole.MarkupLine(invoices.Count > 0 && invoiceTotal == 0
            ? $"[green]✓ settlement[/]: {invoices.Count} invoices; the money of every interval and of the day sums to zero; each invoice's Merkle root covers its {invoices[0].Intervals} interval records (flecs invoice verify)."
            : "[red]✗ settlement[/]: no invoices, or they do not sum to zero.");
        AnsiConsole.MarkupLineInterpolated($"Ledger: {blocks} blocks, {transactions} transactions recorded ({accepted} accepted, {transactions - accepted} rejected with a reason), head {report.HeadHeight}.");
        AnsiConsole.MarkupLine(report.IsValid
            ? $"[green]✓ ledger verify[/]: replayed {report.BlocksVerified} blocks from genesis — hash links, seals, Merkle roots, signatures, receipts and state all match."
            : $"[red]✗ ledger verify failed[/] at height {report.FirstBadHeight}: {Markup.Escape(report.Error!.ToString())}");
        AnsiConsole.MarkupLine(txCheck.IsSuccess
            ? $"[green]✓ light-client proof[/]: {Markup.Escape(proofPath)} shows tx {provenId.ToString()[..16]}… accepted in block {txCheck.Value.Height}, checked with genesis.cbor alone (head sealed by validator-2, authorized by the SA)."
            : $"[red]✗ proof failed[/]: {Markup.Escape(txCheck.Error!.ToString())}");
        AnsiConsole.MarkupLine(consistencyCheck.IsSuccess
            ? $"[green]✓ consistency proof[/]: head {consistencyCheck.Value.NewHeight} extends head {consistencyCheck.Value.OldHeight} ({Markup.Escape(consistencyPath)})."
            : $"[red]✗ consistency proof failed[/]: {Markup.Escape(consistencyCheck.Error!.ToString())}");
        AnsiConsole.MarkupLineInterpolated($"Try: flecs ledger show --data {directory.Root}   |   flecs proof verify --genesis {directory.GenesisPath} --proof {proofPath}");
        return ok ? ExitCodes.Ok : ExitCodes.VerificationFailed;
    }

    private static string Money(long micros) => (micros / 1_000_000m).ToString("0.00", CultureInfo.InvariantCulture);

    private static SortedDictionary<string, (int Accepted, int Rejected)> CountKinds(ILedgerStore store)
    {
        var kinds = new SortedDictionary<string, (int Accepted, int Rejected)>(StringComparer.Ordinal);
        for (long h = 1; h <= store.HeadHeight; h++)
        {
            foreach (var tx in store.ReadBlock(h)!.Transactions)
            {
                var decoded = Transaction.Decode(tx.Bytes);
                var kind = decoded.IsSuccess ? ContractTransactionTypes.Name(decoded.Value.Type) ?? Flecs.Settlement.SettlementTransactionTypes.Name(decoded.Value.Type) ?? decoded.Value.Type.ToString() : "(malformed)";
                var accepted = Receipt.Decode(tx.Receipt).Value.IsAccepted;
                var (a, r) = kinds.GetValueOrDefault(kind);
                kinds[kind] = accepted ? (a + 1, r) : (a, r + 1);
            }
        }

        return kinds;
    }

    private static Hash256 Document(string name) => Sha256Digest.Hash(System.Text.Encoding.UTF8.GetBytes("flecs-demo/" + name));
}
