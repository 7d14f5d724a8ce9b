using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Flecs.Cli.Output;
using Flecs.Contracts;
using Flecs.Contracts.Library;
using Flecs.Contracts.Lifecycle;
using Flecs.Contracts.Runtime;
using Flecs.Contracts.Templates;
using Flecs.Contracts.Values;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Core.Time;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Transactions;
using Flecs.Node.Clients;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;
using Spectre.Console;

namespace Flecs.Cli.Commands;

/// <summary><c>flecs contract …</c>: templates, certification, the contract lifecycle, execution, and off-ledger runs (docs/contracts/README.md).</summary>
internal static class ContractCommand
{
    public static Command Create()
    {
        var contract = new Command("contract", "Flexible energy contracts: certified templates, lifecycle transactions and off-ledger runs.");
        contract.Subcommands.Add(Templates());
        contract.Subcommands.Add(Run());
        contract.Subcommands.Add(Certify());
        contract.Subcommands.Add(Propose());
        contract.Subcommands.Add(Accept());
        contract.Subcommands.Add(Amend());
        contract.Subcommands.Add(Terminate());
        contract.Subcommands.Add(Patch());
        contract.Subcommands.Add(Execute());
        contract.Subcommands.Add(Show());
        return contract;
    }

    private static Command Templates()
    {
        var data = new Option<string?>("--data") { Description = "Also show each template's certification status on this node's ledger." };
        var json = Shell.JsonOption();
        var command = new Command("templates", "List the standard templates (kind, version, code hash, parties, parameters).") { data, json };
        command.SetAction(async (r, ct) =>
        {
            _ = ct;
            var statuses = new Dictionary<Hash256, string>();
            if (r.GetValue(data) is { } dir)
            {
                var opened = Shell.OpenNode(dir);
                if (!opened.IsSuccess)
                {
                    return Shell.Fail(opened.Error, r.GetValue(json));
                }

                var node = opened.Value;
                await using var scope = node.ConfigureAwait(false);
                var module = new ContractModule();
                foreach (var t in StandardLibrary.All)
                {
                    var found = module.FindTemplate(node.Chain.State, t.Hash);
                    statuses[t.Hash] = found.IsSuccess ? (found.Value.Record.Certified ? "certified" : "decertified") : "not on ledger";
                }
            }

            var rows = StandardLibrary.All.Select(t => new
            {
                kind = t.Meta.Kind,
                name = t.Meta.Name,
                version = t.Meta.Version,
                hash = t.Hash.ToString(),
                parties = t.Meta.Parties,
                meters = t.Meta.Meters,
                prices = t.Meta.Prices,
                parameters = t.Meta.Parameters.Select(p => new { name = p.Name, type = p.Type.ToString().ToLowerInvariant(), optional = p.Optional || p.Default is not null, description = p.Description }),
                status = statuses.GetValueOrDefault(t.Hash),
            }).ToList();
            if (r.GetValue(json))
            {
                Shell.WriteJson(new { ok = true, templates = rows });
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("kind", "version", "hash", "parties", "parameters", "status");
            foreach (var row in rows)
            {
                table.AddRow(row.kind, row.version, row.hash[..16] + "…", string.Join(", ", row.parties), string.Join(", ", row.parameters.Select(p => p.optional ? p.name + "?" : p.name)), row.status ?? "-");
            }

            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Run()
    {
        var template = new Argument<string>("TEMPLATE") { Description = "A template file (.js) or a standard kind (see `flecs contract templates`)." };
        var parameters = new Option<string>("--params") { Description = "The parameters: a JSON file or inline JSON.", Required = true };
        var inputs = new Option<string>("--inputs") { Description = "The input series: a JSON file or inline JSON (docs/contracts/README.md#input-series).", Required = true };
        var json = Shell.JsonOption();
        var command = new Command("run", "Execute a template on an input series off-ledger, with the node's sandbox and limits (for authors and tests).") { template, parameters, inputs, json };
        command.SetAction(r =>
        {
            var asJson = r.GetValue(json);
            var loaded = LoadTemplate(r.GetValue(template)!);
            var p = loaded.IsSuccess ? ReadValue(r.GetValue(parameters)!) : loaded.Error;
            var i = p.IsSuccess ? ReadValue(r.GetValue(inputs)!) : p;
            var series = i.IsSuccess ? SeriesInput.FromValue(i.Value) : i.Error;
            if (!series.IsSuccess)
            {
                return Shell.Fail(series.Error, asJson);
            }

            var run = new ContractRuntime().RunSeries(loaded.Value, p.Value, null, series.Value);
            if (!run.IsSuccess)
            {
                return Shell.Fail(run.Error, asJson);
            }

            var totals = Totals(run.Value);
            if (asJson)
            {
                Shell.WriteJson(new
                {
                    ok = true,
                    template = new { kind = loaded.Value.Meta.Kind, hash = loaded.Value.Hash.ToString() },
                    intervals = run.Value.Select(o => new
                    {
                        interval = o.Interval,
                        start = new DeliveryInterval(series.Value.First.Length, o.Interval).ToString(),
                        allocations = o.Allocations,
                        payments = o.Payments,
                        certificates = o.Certificates,
                    }),
                    totals = totals.Select(t => new { role = t.Key, money_net_micros = t.Value.Money, energy_in_mwh = t.Value.EnergyIn, energy_out_mwh = t.Value.EnergyOut, certificates = t.Value.Certificates }),
                    final_state = System.Text.Json.JsonDocument.Parse(run.Value[^1].State.ToJson()).RootElement,
                });
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("interval", "allocations (mWh)", "payments (µ)", "certificates");
            foreach (var o in run.Value.Take(50))
            {
                table.AddRow(
                    Markup.Escape(new DeliveryInterval(series.Value.First.Length, o.Interval).ToString()),
                    Markup.Escape(string.Join("; ", o.Allocations.Select(a => $"{a.From}→{a.To} {a.Energy} {a.Label}"))),
                    Markup.Escape(string.Join("; ", o.Payments.Select(x => $"{x.From}→{x.To} {x.Amount} {x.Label}"))),
                    Markup.Escape(string.Join("; ", o.Certificates.Select(c => $"{c.Action} {c.From}→{c.To} {c.Count}"))));
            }

            AnsiConsole.Write(table);
            if (run.Value.Count > 50)
            {
                AnsiConsole.MarkupLineInterpolated($"… {run.Value.Count - 50} more intervals (use --json for all).");
            }

            var summary = new Table().AddColumns("role", "net money (µ)", "energy in (mWh)", "energy out (mWh)", "certificates");
            foreach (var (role, t) in totals)
            {
                summary.AddRow(role, Format(t.Money), Format(t.EnergyIn), Format(t.EnergyOut), Format(t.Certificates));
            }

            AnsiConsole.Write(summary);
            AnsiConsole.MarkupLineInterpolated($"{run.Value.Count} intervals of [bold]{loaded.Value.Meta.Kind}[/] ({loaded.Value.Hash.ToString()[..16]}…); payments net to zero across the parties.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Certify()
    {
        var (data, asSender, json) = Common("sa");
        var template = new Option<string>("--template") { Description = "A template file (.js) or a standard kind.", Required = true };
        var samples = new Option<string?>("--samples") { Description = "Dry-run samples: JSON { params, inputs } or an array of them; default: a generic sample from the template's metadata." };
        var command = new Command("certify", "SA: certify a template (static analysis and dry run locally, then on the ledger).") { data, template, samples, asSender, json };
        command.SetAction((r, ct) => SubmitAsync(r.GetValue(data)!, r.GetValue(asSender)!, r.GetValue(json), (_, _) =>
        {
            var loaded = LoadTemplate(r.GetValue(template)!);
            if (!loaded.IsSuccess)
            {
                return loaded.Error;
            }

            ImmutableArray<ContractValue> list = [DryRunSample.For(loaded.Value.Meta)];
            if (r.GetValue(samples) is { } file)
            {
                var read = ReadValue(file);
                if (!read.IsSuccess)
                {
                    return read.Error;
                }

                list = read.Value.Kind == ContractValueKind.List ? read.Value.AsList : [read.Value];
            }

            var local = new ContractModule().CheckForCertification(loaded.Value.Source, list);
            return local.IsSuccess
                ? Result<(TransactionType, byte[], string)>.Ok((ContractTransactionTypes.CertifyTemplate, new CertifyTemplatePayload(loaded.Value.Source, list).Encode(), $"certify {loaded.Value.Meta.Kind} {loaded.Value.Hash}"))
                : local.Error;
        }, ct));
        return command;
    }

    private static Command Propose()
    {
        var (data, asSender, json) = Common(null);
        var template = new Option<string>("--template") { Description = "A template code hash, or a standard kind.", Required = true };
        var parameters = new Option<string>("--params") { Description = "The parameters: a JSON file or inline JSON.", Required = true };
        var party = new Option<string[]>("--party") { Description = "role=player, once per role of the template.", Required = true, AllowMultipleArgumentsPerToken = true };
        var start = new Option<string>("--start") { Description = "The first interval's start (UTC), e.g. 2026-01-01T00:00Z.", Required = true };
        var end = new Option<string>("--end") { Description = "The end of the term (UTC, exclusive).", Required = true };
        var command = new Command("propose", "Propose a contract; it goes live when every other party accepts.") { data, template, parameters, party, start, end, asSender, json };
        command.SetAction((r, ct) => SubmitAsync(r.GetValue(data)!, r.GetValue(asSender)!, r.GetValue(json), (node, _) =>
        {
            var hash = TemplateHash(r.GetValue(template)!);
            var p = hash.IsSuccess ? ReadValue(r.GetValue(parameters)!) : hash.Error;
            var first = p.IsSuccess ? Interval(r.GetValue(start)!, node.Genesis.IntervalLength) : p.Error;
            var last = first.IsSuccess ? Interval(r.GetValue(end)!, node.Genesis.IntervalLength) : first.Error;
            var parties = ImmutableSortedDictionary.CreateBuilder<string, PlayerId>(StringComparer.Ordinal);
            foreach (var pair in r.GetValue(party) ?? [])
            {
                var parts = pair.Split('=', 2);
                if (parts.Length != 2 || !PlayerId.TryParse(parts[1], out var id) || !parties.TryAdd(parts[0], id))
                {
                    return Usage($"--party '{pair}' must be role=player, each role once.");
                }
            }

            return last.IsSuccess
                ? Result<(TransactionType, byte[], string)>.Ok((ContractTransactionTypes.ProposeContract, new ProposeContractPayload(hash.Value, p.Value, parties.ToImmutable(), first.Value, last.Value).Encode(), "propose-contract"))
                : last.Error;
        }, ct));
        return command;
    }

    private static Command Accept()
    {
        var (data, asSender, json) = Common(null);
        var contract = ContractOption();
        var proposal = new Option<string?>("--proposal") { Description = "The proposal to accept (default: the contract's pending one, read from the ledger)." };
        var command = new Command("accept", "Accept a contract's pending proposal (its terms, an amendment or a termination).") { data, contract, proposal, asSender, json };
        command.SetAction((r, ct) => SubmitAsync(r.GetValue(data)!, r.GetValue(asSender)!, r.GetValue(json), (node, _) =>
        {
            var id = ParseHash(r.GetValue(contract)!);
            if (!id.IsSuccess)
            {
                return id.Error;
            }

            var subject = r.GetValue(proposal) is { } text ? ParseHash(text) : ContractModule.FindContract(node.Chain.State, id.Value)?.Pending?.Id is { } pending ? pending : Result<Hash256>.Fail(ContractErrors.NoProposal, $"The contract {id.Value} has no pending proposal.");
            return subject.IsSuccess
                ? Result<(TransactionType, byte[], string)>.Ok((ContractTransactionTypes.AcceptContract, new ContractActionPayload(id.Value, subject.Value, ContractValue.Null, 0, string.Empty).Encode(), $"accept {subject.Value.ToString()[..16]}…"))
                : subject.Error;
        }, ct));
        return command;
    }

    private static Command Amend()
    {
        var (data, asSender, json) = Common(null);
        var contract = ContractOption();
        var parameters = new Option<string>("--params") { Description = "The new parameters: a JSON file or inline JSON.", Required = true };
        var from = new Option<string>("--from") { Description = "Effective from this interval start (UTC); not yet executed.", Required = true };
        var command = new Command("amend", "Propose new parameters from a future interval; every other party must accept.") { data, contract, parameters, from, asSender, json };
        command.SetAction((r, ct) => SubmitAsync(r.GetValue(data)!, r.GetValue(asSender)!, r.GetValue(json), (node, _) =>
            Action(ContractTransactionTypes.AmendContract, r.GetValue(contract)!, null, r.GetValue(parameters), r.GetValue(from)!, "amend", node.Genesis.IntervalLength, "amend-contract"), ct));
        return command;
    }

    private static Command Terminate()
    {
        var (data, asSender, json) = Common(null);
        var contract = ContractOption();
        var at = new Option<string>("--at") { Description = "The new end of the term (UTC, exclusive).", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why.", DefaultValueFactory = _ => "mutual termination" };
        var command = new Command("terminate", "Propose to end the contract early; every other party must accept.") { data, contract, at, reason, asSender, json };
        command.SetAction((r, ct) => SubmitAsync(r.GetValue(data)!, r.GetValue(asSender)!, r.GetValue(json), (node, _) =>
            Action(ContractTransactionTypes.TerminateContract, r.GetValue(contract)!, null, null, r.GetValue(at)!, r.GetValue(reason)!, node.Genesis.IntervalLength, "terminate-contract"), ct));
        return command;
    }

    private static Command Patch()
    {
        var (data, asSender, json) = Common("sa");
        var contract = ContractOption();
        var template = new Option<string?>("--template") { Description = "Move the contract to this certified template (hash or standard kind); default: keep its template." };
        var parameters = new Option<string?>("--params") { Description = "Override the parameters (JSON file or inline); default: keep them." };
        var from = new Option<string>("--from") { Description = "Effective from this interval start (UTC).", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (recorded).", Required = true };
        var command = new Command("patch", "SA: patch a live contract's parameters or template, with a reason.") { data, contract, template, parameters, from, reason, asSender, json };
        command.SetAction((r, ct) => SubmitAsync(r.GetValue(data)!, r.GetValue(asSender)!, r.GetValue(json), (node, _) =>
        {
            var id = ParseHash(r.GetValue(contract)!);
            if (!id.IsSuccess)
            {
                return id.Error;
            }

            var record = ContractModule.FindContract(node.Chain.State, id.Value);
            if (record is null)
            {
                return new Error(ContractErrors.UnknownContract, $"No contract {id.Value}.");
            }

            var interval = Interval(r.GetValue(from)!, node.Genesis.IntervalLength);
            var hash = r.GetValue(template) is { } t ? TemplateHash(t) : interval.IsSuccess ? record.VersionAt(Math.Max(interval.Value, record.TermStart)).TemplateHash : interval.Error;
            return hash.IsSuccess
                ? Action(ContractTransactionTypes.PatchContract, r.GetValue(contract)!, hash.Value, r.GetValue(parameters), r.GetValue(from)!, r.GetValue(reason)!, node.Genesis.IntervalLength, "patch-contract")
                : hash.Error;
        }, ct));
        return command;
    }

    private static Command Execute()
    {
        var (data, asSender, json) = Common("mo");
        var contract = ContractOption();
        var inputs = new Option<string>("--inputs") { Description = "The input series from the contract's next interval: JSON file or inline.", Required = true };
        var command = new Command("execute", "Market/System Operator or SA: execute a live contract's next intervals with their meter readings and prices.") { data, contract, inputs, asSender, json };
        command.SetAction((r, ct) => SubmitAsync(r.GetValue(data)!, r.GetValue(asSender)!, r.GetValue(json), (_, _) =>
        {
            var id = ParseHash(r.GetValue(contract)!);
            var value = id.IsSuccess ? ReadValue(r.GetValue(inputs)!) : id.Error;
            return value.IsSuccess
                ? Result<(TransactionType, byte[], string)>.Ok((ContractTransactionTypes.ExecuteContract, new ExecuteContractPayload(id.Value, value.Value).Encode(), "execute-contract"))
                : value.Error;
        }, ct));
        return command;
    }

    private static Command Show()
    {
        var data = Shell.DataOption();
        var contract = ContractOption();
        var json = Shell.JsonOption();
        var command = new Command("show", "Show a contract: status, parties, term, versions, pending proposal and state.") { data, contract, json };
        command.SetAction(async (r, ct) =>
        {
            _ = ct;
            var asJson = r.GetValue(json);
            var id = ParseHash(r.GetValue(contract)!);
            if (!id.IsSuccess)
            {
                return Shell.Fail(id.Error, asJson);
            }

            var opened = Shell.OpenNode(r.GetValue(data)!);
            if (!opened.IsSuccess)
            {
                return Shell.Fail(opened.Error, asJson);
            }

            var node = opened.Value;
            await using var scope = node.ConfigureAwait(false);
            var record = ContractModule.FindContract(node.Chain.State, id.Value);
            if (record is null)
            {
                return Shell.Fail(new Error(ContractErrors.UnknownContract, $"No contract {id.Value}."), asJson);
            }

            var length = node.Genesis.IntervalLength;
            string Time(long index) => new DeliveryInterval(length, index).ToString();
            var module = new ContractModule();
            var kinds = record.Versions.Select(v => module.FindTemplate(node.Chain.State, v.TemplateHash) is { IsSuccess: true } t ? t.Value.Template.Meta.Kind : "?").ToList();
            var view = new
            {
                ok = true,
                id = record.Id.ToString(),
                status = record.Status.ToString().ToLowerInvariant(),
                parties = record.Parties.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal),
                term = new { start = Time(record.TermStart), end = Time(record.TermEnd), start_index = record.TermStart, end_index = record.TermEnd },
                next_interval = Time(record.NextInterval),
                versions = record.Versions.Select((v, i) => new { from = Time(v.From), template = v.TemplateHash.ToString(), kind = kinds[i], parameters = System.Text.Json.JsonDocument.Parse(v.Parameters.ToJson()).RootElement, reason = v.Reason }),
                pending = record.Pending is { } p ? new { id = p.Id.ToString(), kind = p.Kind.ToString().ToLowerInvariant(), interval = Time(p.Interval), consents = p.Consents } : null,
                state = System.Text.Json.JsonDocument.Parse(record.State.ToJson()).RootElement,
                proposer = record.Proposer.Value,
            };
            if (asJson)
            {
                Shell.WriteJson(view);
                return ExitCodes.Ok;
            }

            var grid = new Grid().AddColumns(2);
            grid.AddRow("contract", view.id);
            grid.AddRow("status", view.status);
            grid.AddRow("parties", Markup.Escape(string.Join(", ", view.parties.Select(p => $"{p.Key}={p.Value}"))));
            grid.AddRow("term", Markup.Escape($"{view.term.start} → {view.term.end}"));
            grid.AddRow("next interval", Markup.Escape(view.next_interval));
            foreach (var v in view.versions)
            {
                grid.AddRow("version", Markup.Escape($"from {v.from}: {v.kind} {v.template[..16]}… {v.parameters} {v.reason}"));
            }

            grid.AddRow("pending", Markup.Escape(view.pending is null ? "-" : $"{view.pending.kind} {view.pending.id[..16]}… at {view.pending.interval}, accepted by {string.Join(", ", view.pending.consents)}"));
            grid.AddRow("state", Markup.Escape(record.State.ToJson()));
            AnsiConsole.Write(grid);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Result<(TransactionType, byte[], string)> Action(TransactionType type, string contract, Hash256? subject, string? parameters, string when, string text, IntervalLength length, string what)
    {
        var id = ParseHash(contract);
        var value = !id.IsSuccess ? id.Error : parameters is null ? ContractValue.Null : ReadValue(parameters);
        var interval = value.IsSuccess ? Interval(when, length) : value.Error;
        return interval.IsSuccess
            ? Result<(TransactionType, byte[], string)>.Ok((type, new ContractActionPayload(id.Value, subject ?? id.Value, value.Value, interval.Value, text).Encode(), what))
            : interval.Error;
    }

    private static async Task<int> SubmitAsync(string data, string asSender, bool json, Func<EmbeddedNode, PlayerId, Result<(TransactionType Type, byte[] Payload, string What)>> build, CancellationToken cancellationToken)
    {
        if (!PlayerId.TryParse(asSender, out var sender))
        {
            return Shell.Fail(new Error("cli.usage", $"'{asSender}' is not a valid player id."), json, ExitCodes.Usage);
        }

        var directory = new DataDirectory(data);
        var opened = Shell.OpenNode(data);
        if (!opened.IsSuccess)
        {
            return Shell.Fail(opened.Error, json);
        }

        var node = opened.Value;
        await using var scope = node.ConfigureAwait(false);
        var built = build(node, sender);
        if (!built.IsSuccess)
        {
            return Shell.Fail(built.Error, json);
        }

        var signer = KeyFile.Read(directory.KeyPath(sender));
        if (!signer.IsSuccess)
        {
            return Shell.Fail(signer.Error, json);
        }

        using var key = signer.Value;
        var submission = await new LedgerClient(node).SendAsync(sender, key, built.Value.Type, built.Value.Payload, cancellationToken).ConfigureAwait(false);
        return Shell.Report(submission, built.Value.What, json);
    }

    private static (Option<string> Data, Option<string> As, Option<bool> Json) Common(string? defaultSender)
    {
        var asSender = new Option<string>("--as") { Description = "The sender whose keys/<id>.key signs." + (defaultSender is null ? string.Empty : $" Default: {defaultSender}.") };
        if (defaultSender is null)
        {
            asSender.Required = true;
        }
        else
        {
            asSender.DefaultValueFactory = _ => defaultSender;
        }

        return (Shell.DataOption(), asSender, Shell.JsonOption());
    }

    private static Option<string> ContractOption() => new("--contract") { Description = "The contract id (the id of its propose-contract transaction).", Required = true };

    private static Result<Template> LoadTemplate(string spec)
    {
        if (File.Exists(spec))
        {
            return TemplateAnalyzer.Analyze(File.ReadAllText(spec));
        }

        return StandardLibrary.All.FirstOrDefault(t => string.Equals(t.Meta.Kind, spec, StringComparison.Ordinal)) is { } standard
            ? standard
            : Result<Template>.Fail("cli.template", $"'{spec}' is neither a file nor a standard kind ({string.Join(", ", StandardLibrary.All.Select(t => t.Meta.Kind))}).");
    }

    private static Result<Hash256> TemplateHash(string spec) =>
        Hash256.TryParse(spec, out var hash) ? hash : LoadTemplate(spec) is { IsSuccess: true } t ? t.Value.Hash : Result<Hash256>.Fail("cli.template", $"'{spec}' is neither a code hash, a template file nor a standard kind.");

    private static Result<Hash256> ParseHash(string text) =>
        Hash256.TryParse(text, out var hash) ? hash : Result<Hash256>.Fail("cli.usage", $"'{text}' is not a 64-digit hex id.");

    private static Result<ContractValue> ReadValue(string fileOrJson)
    {
        var text = fileOrJson.TrimStart().StartsWith('{') || fileOrJson.TrimStart().StartsWith('[') ? fileOrJson : File.Exists(fileOrJson) ? File.ReadAllText(fileOrJson) : null;
        return text is null ? Result<ContractValue>.Fail("cli.file", $"No file '{fileOrJson}'.") : ContractValue.ParseJson(text);
    }

    private static Result<long> Interval(string text, IntervalLength length)
    {
        // The same exact forms as an input series: a lenient parse would fill missing parts from today's date.
        if (!DateTimeOffset.TryParseExact(text, SeriesInput.TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return Result<long>.Fail("cli.usage", $"'{text}' is not a UTC time written yyyy-MM-ddTHH:mmZ, e.g. 2026-01-01T00:00Z.");
        }

        var seconds = time.ToUnixTimeSeconds();
        return seconds % length.Seconds == 0 ? seconds / length.Seconds : Result<long>.Fail("cli.usage", $"{text} is not the start of a {length.Minutes}-minute interval.");
    }

    private static Result<(TransactionType, byte[], string)> Usage(string message) => new Error("cli.usage", message);

    private static SortedDictionary<string, (long Money, long EnergyIn, long EnergyOut, long Certificates)> Totals(IReadOnlyList<IntervalOutcome> outcomes)
    {
        var totals = new SortedDictionary<string, (long Money, long EnergyIn, long EnergyOut, long Certificates)>(StringComparer.Ordinal);
        void Add(string role, long money = 0, long energyIn = 0, long energyOut = 0, long certificates = 0)
        {
            var t = totals.GetValueOrDefault(role);
            totals[role] = (checked(t.Money + money), checked(t.EnergyIn + energyIn), checked(t.EnergyOut + energyOut), checked(t.Certificates + certificates));
        }

        foreach (var o in outcomes)
        {
            foreach (var p in o.Payments)
            {
                Add(p.From, money: -p.Amount);
                Add(p.To, money: p.Amount);
            }

            foreach (var a in o.Allocations)
            {
                Add(a.From, energyOut: a.Energy);
                Add(a.To, energyIn: a.Energy);
            }

            foreach (var c in o.Certificates)
            {
                if (c.From is { } from)
                {
                    Add(from, certificates: -c.Count);
                }

                Add(c.To, certificates: c.Count);
            }
        }

        return totals;
    }

    private static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
