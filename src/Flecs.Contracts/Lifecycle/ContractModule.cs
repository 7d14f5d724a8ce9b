using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Contracts.Runtime;
using Flecs.Contracts.Templates;
using Flecs.Contracts.Values;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Ledger;
using Flecs.Ledger.Encoding;
using Flecs.Ledger.Execution;
using Flecs.Ledger.Players;
using Flecs.Ledger.Registry;
using Flecs.Ledger.State;
using Flecs.Ledger.Transactions;

namespace Flecs.Contracts.Lifecycle;

/// <summary>
/// The contract module's executors (docs/contracts/lifecycle.md): template certification, the contract
/// lifecycle, interval execution and certificate transfers. One instance per chain replica: it owns the
/// sandbox runtime and a cache of analyzed templates (pure functions of their source, so caching never
/// changes an outcome).
/// </summary>
public sealed class ContractModule
{
    private readonly ContractRuntime _runtime;
    private readonly Dictionary<Hash256, Template> _templates = [];

    /// <summary>Creates the module with the ledger's execution limits.</summary>
    public ContractModule(ExecutionLimits? limits = null)
    {
        _runtime = new ContractRuntime(limits);
        Limits = _runtime.Limits;
    }

    /// <summary>The execution limits of every contract interval this module (and the interval close) runs.</summary>
    public ExecutionLimits Limits { get; }

    private Func<IStateReader, bool>? _scheduled;

    /// <summary>
    /// Hands interval execution to another module: once <paramref name="scheduled"/> holds for the state (the settlement
    /// module: once settlement is configured), <c>execute-contract</c> is refused with <c>contract.not-permitted</c>.
    /// </summary>
    public void ScheduleExecutions(Func<IStateReader, bool> scheduled)
    {
        ArgumentNullException.ThrowIfNull(scheduled);
        _scheduled = scheduled;
    }

    /// <summary>The executors to register with the ledger.</summary>
    public IReadOnlyList<ITransactionExecutor> Executors() =>
    [
        new Executor(ContractTransactionTypes.CertifyTemplate, Certify),
        new Executor(ContractTransactionTypes.DecertifyTemplate, Decertify),
        new Executor(ContractTransactionTypes.ProposeContract, Propose),
        new Executor(ContractTransactionTypes.AcceptContract, Accept),
        new Executor(ContractTransactionTypes.AmendContract, Amend),
        new Executor(ContractTransactionTypes.TerminateContract, Terminate),
        new Executor(ContractTransactionTypes.PatchContract, Patch),
        new Executor(ContractTransactionTypes.ExecuteContract, Execute),
        new Executor(ContractTransactionTypes.TransferCertificates, Transfer),
        new Executor(ContractTransactionTypes.RetireCertificates, Retire),
    ];

    /// <summary>Static analysis plus a dry run of every sample: what certification requires, usable off-ledger (CLI) with the same result.</summary>
    public Result<Template> CheckForCertification(string source, IReadOnlyList<ContractValue> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var analyzed = TemplateAnalyzer.Analyze(source);
        if (!analyzed.IsSuccess)
        {
            return analyzed;
        }

        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            if (sample.Kind != ContractValueKind.Map || sample["params"] is not { } parameters || sample["inputs"] is not { } inputs)
            {
                return Result<Template>.Fail(ContractErrors.DryRunFailed, $"Sample {i}: a sample is {{ params, inputs }}.");
            }

            var series = SeriesInput.FromValue(inputs);
            if (!series.IsSuccess)
            {
                return Result<Template>.Fail(ContractErrors.DryRunFailed, $"Sample {i}: {series.Error.Message}");
            }

            var run = _runtime.RunSeries(analyzed.Value, parameters, null, series.Value);
            if (!run.IsSuccess)
            {
                return Result<Template>.Fail(ContractErrors.DryRunFailed, $"Sample {i}: {run.Error.Code}: {run.Error.Message}");
            }
        }

        return analyzed;
    }

    /// <summary>Reads a template (certified or not) from state, analyzed.</summary>
    public Result<(TemplateRecord Record, Template Template)> FindTemplate(IStateReader state, Hash256 hash)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.TryGet(TemplateRecord.StateKey(hash), out var bytes))
        {
            return Result<(TemplateRecord, Template)>.Fail(ContractErrors.UnknownTemplate, $"No template {hash} on the ledger.");
        }

        var record = TemplateRecord.Decode(hash, bytes);
        if (!_templates.TryGetValue(hash, out var template))
        {
            var analyzed = TemplateAnalyzer.Analyze(record.Source);
            if (!analyzed.IsSuccess)
            {
                return analyzed.Error;
            }

            template = analyzed.Value;
            _templates[hash] = template;
        }

        return (record, template);
    }

    /// <summary>Reads a contract from state.</summary>
    public static ContractRecord? FindContract(IStateReader state, Hash256 id)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.TryGet(ContractRecord.StateKey(id), out var bytes) ? ContractRecord.Decode(id, bytes) : null;
    }

    private Result Certify(TransactionContext context)
    {
        if (!context.SenderIsSupervisingAuthority)
        {
            return Result.Fail(LedgerErrors.WrongRole, "Only the Supervising Authority certifies templates.");
        }

        var payload = Payload.Decode(context.Transaction.Payload, CertifyTemplatePayload.Read, p => p.Encode());
        if (!payload.IsSuccess)
        {
            return payload.Error;
        }

        var template = CheckForCertification(payload.Value.Source, payload.Value.Samples);
        if (!template.IsSuccess)
        {
            return template.Error;
        }

        var key = TemplateRecord.StateKey(template.Value.Hash);
        if (context.State.TryGet(key, out var existing) && TemplateRecord.Decode(template.Value.Hash, existing).Certified)
        {
            return Result.Fail(ContractErrors.AlreadyCertified, $"The template {template.Value.Hash} is already certified.");
        }

        context.State.Set(key, new TemplateRecord(template.Value.Hash, payload.Value.Source, true, context.Height, context.Height, string.Empty).Encode());
        context.Emit(Output(w => w.WriteHash(template.Value.Hash)));
        return Result.Success;
    }

    private Result Decertify(TransactionContext context)
    {
        if (!context.SenderIsSupervisingAuthority)
        {
            return Result.Fail(LedgerErrors.WrongRole, "Only the Supervising Authority decertifies templates.");
        }

        var payload = Payload.Decode(context.Transaction.Payload, TemplateActionPayload.Read, p => p.Encode());
        if (!payload.IsSuccess)
        {
            return payload.Error;
        }

        var found = FindTemplate(context.State, payload.Value.TemplateHash);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        if (!found.Value.Record.Certified)
        {
            return Result.Fail(ContractErrors.NotCertified, $"The template {payload.Value.TemplateHash} is not certified.");
        }

        context.State.Set(TemplateRecord.StateKey(payload.Value.TemplateHash), (found.Value.Record with { Certified = false, ChangedAtHeight = context.Height, Reason = payload.Value.Reason }).Encode());
        return Result.Success;
    }

    private Result Propose(TransactionContext context)
    {
        var payload = Payload.Decode(context.Transaction.Payload, ProposeContractPayload.Read, p => p.Encode());
        if (!payload.IsSuccess)
        {
            return payload.Error;
        }

        var p = payload.Value;
        var found = FindTemplate(context.State, p.TemplateHash);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        if (!found.Value.Record.Certified)
        {
            return Result.Fail(ContractErrors.NotCertified, $"The template {p.TemplateHash} is not certified: no new contracts may use it.");
        }

        var meta = found.Value.Template.Meta;
        if (p.Parties.Count != meta.Parties.Length || meta.Parties.Any(role => !p.Parties.ContainsKey(role)))
        {
            return Result.Fail(ContractErrors.InvalidParties, $"'{meta.Kind}' needs exactly the parties {string.Join(", ", meta.Parties)}.");
        }

        if (p.Parties.Values.Distinct().Count() != p.Parties.Count)
        {
            return Result.Fail(ContractErrors.InvalidParties, "Each role is a different player.");
        }

        foreach (var (role, party) in p.Parties)
        {
            if (context.FindPlayer(party) is not { Status: PlayerStatus.Authorized })
            {
                return Result.Fail(ContractErrors.InvalidParties, $"The {role} '{party}' is not an authorized player.");
            }
        }

        // A representative signs for its passive customer: it may not also be the counterparty, or it would consent for both sides.
        foreach (var (role, party) in p.Parties)
        {
            if (context.FindPlayer(party) is { Mode: PlayerMode.Passive, Representative: { } representative } && p.Parties.ContainsValue(representative))
            {
                return Result.Fail(ContractErrors.InvalidParties, $"'{representative}' represents the {role} and cannot also be its counterparty.");
            }
        }

        if (p.TermEnd <= p.TermStart)
        {
            return Result.Fail(ContractErrors.InvalidTerm, $"The term [{p.TermStart}, {p.TermEnd}) is empty.");
        }

        var parameters = meta.CheckParameters(p.Parameters);
        if (!parameters.IsSuccess)
        {
            return parameters.Error;
        }

        var roles = RolesOf(context, p.Parties);
        if (roles.IsEmpty)
        {
            return Result.Fail(ContractErrors.NotParty, $"'{context.Transaction.Sender}' is not a party (or the representative of one).");
        }

        var id = context.Transaction.Id;
        var record = new ContractRecord(
            id,
            p.Parties,
            p.TermStart,
            p.TermEnd,
            ContractStatus.Proposed,
            [new ContractVersion(p.TermStart, p.TemplateHash, parameters.Value, string.Empty)],
            p.TermStart,
            new PendingProposal(id, ProposalKind.Terms, ContractValue.Null, p.TermStart, roles),
            ContractValue.EmptyMap,
            context.Transaction.Sender,
            false);
        return Save(context, Settle(record, found.Value.Record.Certified));
    }

    private Result Accept(TransactionContext context)
    {
        var loaded = Load(context, out var payload, out var record);
        if (!loaded.IsSuccess)
        {
            return loaded;
        }

        if (record.Pending is not { } pending)
        {
            return Result.Fail(ContractErrors.NoProposal, $"The contract {record.Id} has no pending proposal.");
        }

        if (pending.Id != payload.Subject)
        {
            return Result.Fail(ContractErrors.ProposalMismatch, $"The pending proposal of {record.Id} is {pending.Id}, not {payload.Subject}.");
        }

        var roles = RolesOf(context, record.Parties).Except(pending.Consents);
        if (roles.IsEmpty)
        {
            return RolesOf(context, record.Parties).IsEmpty
                ? Result.Fail(ContractErrors.NotParty, $"'{context.Transaction.Sender}' is not a party of {record.Id}.")
                : Result.Fail(ContractErrors.AlreadyAccepted, $"'{context.Transaction.Sender}' already accepted {pending.Id}.");
        }

        var certified = true;
        if (pending.Kind == ProposalKind.Terms)
        {
            var template = FindTemplate(context.State, record.Versions[0].TemplateHash);
            certified = template.IsSuccess && template.Value.Record.Certified;
            if (!certified)
            {
                return Result.Fail(ContractErrors.NotCertified, $"The template {record.Versions[0].TemplateHash} was decertified: the contract cannot start.");
            }
        }
        else if (pending.Interval < record.NextInterval)
        {
            return Result.Fail(ContractErrors.EffectiveInPast, $"The proposal takes effect at {pending.Interval}, but interval {record.NextInterval - 1} already executed.");
        }

        return Save(context, Settle(record with { Pending = pending with { Consents = pending.Consents.Union(roles) } }, certified));
    }

    private Result Amend(TransactionContext context) => ProposeChange(context, ProposalKind.Amendment);

    private Result Terminate(TransactionContext context) => ProposeChange(context, ProposalKind.Termination);

    private Result ProposeChange(TransactionContext context, ProposalKind kind)
    {
        var loaded = Load(context, out var payload, out var record);
        if (!loaded.IsSuccess)
        {
            return loaded;
        }

        if (record.Status != ContractStatus.Live)
        {
            return Result.Fail(ContractErrors.NotLive, $"The contract {record.Id} is {record.Status}.");
        }

        if (payload.Subject != record.Id)
        {
            return Result.Fail(LedgerErrors.InvalidPayload, "The subject of an amendment or termination is the contract id.");
        }

        var roles = RolesOf(context, record.Parties);
        if (roles.IsEmpty)
        {
            return Result.Fail(ContractErrors.NotParty, $"'{context.Transaction.Sender}' is not a party of {record.Id}.");
        }

        if (payload.Interval < record.NextInterval)
        {
            return Result.Fail(ContractErrors.EffectiveInPast, $"Interval {payload.Interval} already executed or is in the past; the next is {record.NextInterval}.");
        }

        var parameters = ContractValue.Null;
        if (kind == ProposalKind.Amendment)
        {
            if (payload.Interval >= record.TermEnd)
            {
                return Result.Fail(ContractErrors.InvalidTerm, $"Interval {payload.Interval} is after the term.");
            }

            var template = FindTemplate(context.State, record.VersionAt(payload.Interval).TemplateHash);
            if (!template.IsSuccess)
            {
                return template.Error;
            }

            var checkedParameters = template.Value.Template.Meta.CheckParameters(payload.Value);
            if (!checkedParameters.IsSuccess)
            {
                return checkedParameters.Error;
            }

            parameters = checkedParameters.Value;
        }
        else if (payload.Interval > record.TermEnd)
        {
            return Result.Fail(ContractErrors.InvalidTerm, $"A termination ends the term earlier; {payload.Interval} is after its end {record.TermEnd}.");
        }

        var pending = new PendingProposal(context.Transaction.Id, kind, parameters, payload.Interval, roles);
        return Save(context, Settle(record with { Pending = pending }, certified: true));
    }

    private Result Patch(TransactionContext context)
    {
        if (!context.SenderIsSupervisingAuthority)
        {
            return Result.Fail(LedgerErrors.WrongRole, "Only the Supervising Authority patches contracts.");
        }

        var loaded = Load(context, out var payload, out var record);
        if (!loaded.IsSuccess)
        {
            return loaded;
        }

        if (record.Status != ContractStatus.Live)
        {
            return Result.Fail(ContractErrors.NotLive, $"The contract {record.Id} is {record.Status}.");
        }

        if (payload.Text.Length == 0)
        {
            return Result.Fail(LedgerErrors.InvalidPayload, "A patch needs a reason.");
        }

        if (payload.Interval < record.NextInterval || payload.Interval >= record.TermEnd)
        {
            return Result.Fail(ContractErrors.EffectiveInPast, $"A patch takes effect in [{record.NextInterval}, {record.TermEnd}); {payload.Interval} is not.");
        }

        var current = record.VersionAt(payload.Interval);
        var template = FindTemplate(context.State, payload.Subject);
        if (!template.IsSuccess)
        {
            return template.Error;
        }

        if (payload.Subject != current.TemplateHash && !template.Value.Record.Certified)
        {
            return Result.Fail(ContractErrors.NotCertified, $"A patch moves contracts only to a certified template; {payload.Subject} is not.");
        }

        var parameters = template.Value.Template.Meta.CheckParameters(payload.Value.Kind == ContractValueKind.Null ? current.Parameters : payload.Value);
        if (!parameters.IsSuccess)
        {
            return parameters.Error;
        }

        var parties = template.Value.Template.Meta.Parties;
        if (parties.Length != record.Parties.Count || parties.Any(role => !record.Parties.ContainsKey(role)))
        {
            return Result.Fail(ContractErrors.InvalidParties, $"The template {payload.Subject} has other roles than the contract.");
        }

        // A pending amendment or termination was agreed against the old terms: the patch withdraws it (the parties re-propose).
        return Save(context, record.WithVersion(new ContractVersion(payload.Interval, payload.Subject, parameters.Value, payload.Text)) with { Pending = null });
    }

    private Result Execute(TransactionContext context)
    {
        if (context.Sender is not { Role: PlayerRole.MarketOperator or PlayerRole.SystemOperator or PlayerRole.SupervisingAuthority })
        {
            return Result.Fail(ContractErrors.NotPermitted, "Only the Market Operator, the System Operator or the SA executes contract intervals.");
        }

        if (_scheduled?.Invoke(context.State) == true)
        {
            // One path for settled contracts: intervals executed here would never reach the settlement journal.
            return Result.Fail(ContractErrors.NotPermitted, "Settlement is configured: the interval close executes contracts (docs/settlement.md).");
        }

        var payload = Payload.Decode(context.Transaction.Payload, ExecuteContractPayload.Read, p => p.Encode());
        if (!payload.IsSuccess)
        {
            return payload.Error;
        }

        var record = FindContract(context.State, payload.Value.ContractId);
        if (record is null)
        {
            return Result.Fail(ContractErrors.UnknownContract, $"No contract {payload.Value.ContractId}.");
        }

        if (record.Status != ContractStatus.Live)
        {
            return Result.Fail(ContractErrors.NotLive, $"The contract {record.Id} is {record.Status}.");
        }

        var series = SeriesInput.FromValue(payload.Value.Inputs);
        if (!series.IsSuccess)
        {
            return series.Error;
        }

        if (series.Value.First.Length != context.Genesis.IntervalLength)
        {
            return Result.Fail(ContractErrors.InvalidInput, $"The chain's intervals are {context.Genesis.IntervalLength.Minutes} minutes.");
        }

        if (series.Value.First.Index != record.NextInterval)
        {
            return Result.Fail(ContractErrors.OutOfOrder, $"The next interval of {record.Id} is {record.NextInterval}; the inputs start at {series.Value.First.Index}.");
        }

        if (series.Value.End > record.TermEnd)
        {
            return Result.Fail(ContractErrors.OutsideTerm, $"The term of {record.Id} ends before interval {series.Value.End - 1}.");
        }

        var results = new List<IntervalOutcome>(series.Value.Count);
        var parties = record.Parties.ToImmutableSortedDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal);
        var state = record.State;
        for (var i = 0; i < series.Value.Count; i++)
        {
            var input = series.Value.At(i);
            var version = record.VersionAt(input.Interval.Index);
            var template = FindTemplate(context.State, version.TemplateHash);
            if (!template.IsSuccess)
            {
                return template.Error;
            }

            var outcome = _runtime.Execute(new ContractCall(template.Value.Template, version.Parameters, parties, record.TermStart, record.TermEnd, state, input));
            if (!outcome.IsSuccess)
            {
                return new Error(outcome.Error.Code, $"Interval {input.Interval}: {outcome.Error.Message}");
            }

            var certificates = ApplyCertificates(context.State, record, outcome.Value);
            if (!certificates.IsSuccess)
            {
                return certificates;
            }

            state = outcome.Value.State;
            results.Add(outcome.Value);
        }

        Save(context, Advance(record, series.Value.End, state));
        context.Emit(ExecutionOutput(record.Id, results, parties));
        return Result.Success;
    }

    private static Result ApplyCertificates(StateOverlay state, ContractRecord record, IntervalOutcome outcome)
    {
        foreach (var e in outcome.Certificates)
        {
            var to = record.Parties[e.To];
            if (e.From is { } fromRole)
            {
                var giver = record.Parties[fromRole];
                var account = Account(state, giver);
                if (account.Held < e.Count)
                {
                    return Result.Fail(ContractErrors.InsufficientCertificates, $"The {fromRole} holds {account.Held} certificates; the contract transfers {e.Count}.");
                }

                state.Set(CertificateAccount.StateKey(giver), (account with { Held = account.Held - e.Count }).Encode());
            }

            var receiver = Account(state, to);
            state.Set(CertificateAccount.StateKey(to), (receiver with { Held = checked(receiver.Held + e.Count) }).Encode());
        }

        return Result.Success;
    }

    private static Result Transfer(TransactionContext context)
    {
        var payload = Payload.Decode(context.Transaction.Payload, CertificatesPayload.Read, p => p.Encode());
        if (!payload.IsSuccess)
        {
            return payload.Error;
        }

        if (payload.Value.To is not { } to || payload.Value.Claim.Length != 0 || to == context.Transaction.Sender)
        {
            return Result.Fail(LedgerErrors.InvalidPayload, "A transfer names another receiver and no claim.");
        }

        if (context.FindPlayer(to) is not { Status: PlayerStatus.Authorized })
        {
            return Result.Fail(LedgerErrors.PlayerNotFound, $"'{to}' is not an authorized player.");
        }

        var sender = Account(context.State, context.Transaction.Sender);
        if (sender.Held < payload.Value.Count)
        {
            return Result.Fail(ContractErrors.InsufficientCertificates, $"'{context.Transaction.Sender}' holds {sender.Held} certificates.");
        }

        var receiver = Account(context.State, to);
        context.State.Set(CertificateAccount.StateKey(context.Transaction.Sender), (sender with { Held = sender.Held - payload.Value.Count }).Encode());
        context.State.Set(CertificateAccount.StateKey(to), (receiver with { Held = checked(receiver.Held + payload.Value.Count) }).Encode());
        return Result.Success;
    }

    private static Result Retire(TransactionContext context)
    {
        var payload = Payload.Decode(context.Transaction.Payload, CertificatesPayload.Read, p => p.Encode());
        if (!payload.IsSuccess)
        {
            return payload.Error;
        }

        if (payload.Value.To is not null || payload.Value.Claim.Length == 0)
        {
            return Result.Fail(LedgerErrors.InvalidPayload, "A retirement names no receiver and states its claim.");
        }

        var account = Account(context.State, context.Transaction.Sender);
        if (account.Held < payload.Value.Count)
        {
            return Result.Fail(ContractErrors.InsufficientCertificates, $"'{context.Transaction.Sender}' holds {account.Held} certificates.");
        }

        context.State.Set(CertificateAccount.StateKey(context.Transaction.Sender), new CertificateAccount(account.Held - payload.Value.Count, checked(account.Retired + payload.Value.Count)).Encode());
        context.Emit(Output(w =>
        {
            w.WriteStartArray(3);
            w.WritePlayerId(context.Transaction.Sender);
            w.WriteInt64(payload.Value.Count);
            w.WriteTextString(payload.Value.Claim);
            w.WriteEndArray();
        }));
        return Result.Success;
    }

    /// <summary>Applies a pending proposal once every party consented.</summary>
    private static ContractRecord Settle(ContractRecord record, bool certified)
    {
        if (record.Pending is not { } pending || record.Parties.Keys.Any(role => !pending.Consents.Contains(role)))
        {
            return record;
        }

        return pending.Kind switch
        {
            ProposalKind.Terms when certified => record with { Status = ContractStatus.Live, Pending = null },
            ProposalKind.Amendment => record.WithVersion(new ContractVersion(pending.Interval, record.VersionAt(pending.Interval).TemplateHash, pending.Parameters, string.Empty)) with { Pending = null },
            ProposalKind.Termination => record with
            {
                TermEnd = pending.Interval,
                Terminated = true,
                Pending = null,
                Status = pending.Interval <= record.NextInterval ? ContractStatus.Terminated : ContractStatus.Live,
            },
            _ => record,
        };
    }

    private static Result Load(TransactionContext context, out ContractActionPayload payload, out ContractRecord record)
    {
        payload = null!;
        record = null!;
        var decoded = Payload.Decode(context.Transaction.Payload, ContractActionPayload.Read, p => p.Encode());
        if (!decoded.IsSuccess)
        {
            return decoded.Error;
        }

        payload = decoded.Value;
        var found = FindContract(context.State, payload.ContractId);
        if (found is null)
        {
            return Result.Fail(ContractErrors.UnknownContract, $"No contract {payload.ContractId}.");
        }

        record = found;
        return Result.Success;
    }

    /// <summary>The roles the sender may act for: its own, and those of passive parties it represents.</summary>
    private static ImmutableSortedSet<string> RolesOf(TransactionContext context, ImmutableSortedDictionary<string, PlayerId> parties)
    {
        var sender = context.Transaction.Sender;
        var roles = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var (role, id) in parties)
        {
            if (id == sender || (context.FindPlayer(id) is { Mode: PlayerMode.Passive } party && party.Representative == sender))
            {
                roles.Add(role);
            }
        }

        return roles.ToImmutable();
    }

    private static CertificateAccount Account(StateOverlay state, PlayerId player) =>
        state.TryGet(CertificateAccount.StateKey(player), out var bytes) ? CertificateAccount.Decode(bytes) : new CertificateAccount(0, 0);

    private static Result Save(TransactionContext context, ContractRecord record)
    {
        Store(context.State, record);
        return Result.Success;
    }

    /// <summary>The state key of the index of live contracts (ids ascending), which the interval close executes.</summary>
    public const string LiveIndexKey = "contracts/live";

    /// <summary>The ids of the live contracts, ascending.</summary>
    public static ImmutableArray<Hash256> LiveContracts(IStateReader state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.TryGet(LiveIndexKey, out var bytes))
        {
            return [];
        }

        var r = Cbor.NewReader(bytes);
        var count = r.ReadStartArray() ?? 0;
        var ids = ImmutableArray.CreateBuilder<Hash256>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add(r.ReadHash());
        }

        r.ReadEndArray();
        return ids.MoveToImmutable();
    }

    /// <summary>Writes a contract record and keeps the live index in step with its status.</summary>
    public static void Store(StateOverlay state, ContractRecord record)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(record);
        state.Set(ContractRecord.StateKey(record.Id), record.Encode());
        var live = LiveContracts(state);
        var at = live.BinarySearch(record.Id);
        var isLive = record.Status == ContractStatus.Live;
        if (isLive == at >= 0)
        {
            return;
        }

        live = isLive ? live.Insert(~at, record.Id) : live.RemoveAt(at);
        if (live.IsEmpty)
        {
            state.Delete(LiveIndexKey);
            return;
        }

        var w = Cbor.NewWriter();
        w.WriteStartArray(live.Length);
        foreach (var id in live)
        {
            w.WriteHash(id);
        }

        w.WriteEndArray();
        state.Set(LiveIndexKey, w.Encode());
    }

    /// <summary>
    /// The analyzed template of every version of <paramref name="record"/>, by code hash, for scheduled executions
    /// (docs/settlement.md#interval-close). Resolve before running in parallel: the lookup fills this module's cache.
    /// </summary>
    public Result<ImmutableDictionary<Hash256, Template>> ScheduledTemplates(IStateReader state, ContractRecord record)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(record);
        var templates = ImmutableDictionary.CreateBuilder<Hash256, Template>();
        foreach (var version in record.Versions)
        {
            if (templates.ContainsKey(version.TemplateHash))
            {
                continue;
            }

            if (!_templates.TryGetValue(version.TemplateHash, out var template))
            {
                var found = FindTemplate(state, version.TemplateHash);
                if (!found.IsSuccess)
                {
                    return found.Error;
                }

                template = found.Value.Template;
            }

            templates[version.TemplateHash] = template;
        }

        return templates.ToImmutable();
    }

    /// <summary>
    /// Runs one interval of a live contract for the interval close with <paramref name="runtime"/> (one per worker
    /// thread): the version in force and its template, the contract's state as of <paramref name="state"/>. Pure:
    /// nothing is written; the caller applies the certificates (<see cref="ApplyScheduledCertificates"/>) and advances the record.
    /// </summary>
    /// <param name="runtime">The worker's runtime.</param>
    /// <param name="templates">The contract's templates (<see cref="ScheduledTemplates"/>).</param>
    /// <param name="record">The contract.</param>
    /// <param name="parties">The record's parties as player-id text by role (the caller converts them once).</param>
    /// <param name="state">The contract state before the interval.</param>
    /// <param name="input">The interval's meter readings and prices.</param>
    public static Result<IntervalOutcome> RunScheduled(ContractRuntime runtime, ImmutableDictionary<Hash256, Template> templates, ContractRecord record, ImmutableSortedDictionary<string, string> parties, ContractValue state, IntervalInput input)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(input);
        var version = record.VersionAt(input.Interval.Index);
        return runtime.Execute(new ContractCall(templates[version.TemplateHash], version.Parameters, parties, record.TermStart, record.TermEnd, state, input));
    }

    /// <summary>Applies an executed interval's certificate events to the parties' accounts; on failure (a giver holds too few) nothing is written.</summary>
    public static Result ApplyScheduledCertificates(StateOverlay state, ContractRecord record, IntervalOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Certificates.IsEmpty)
        {
            return Result.Success;
        }

        var overlay = new StateOverlay(state);
        var applied = ApplyCertificates(overlay, record, outcome);
        if (applied.IsSuccess)
        {
            overlay.MergeInto(state);
        }

        return applied;
    }

    /// <summary>The record after its intervals up to <paramref name="next"/> (exclusive) ran, ending in <paramref name="state"/>: expired or terminated at the end of its term.</summary>
    public static ContractRecord Advance(ContractRecord record, long next, ContractValue state)
    {
        ArgumentNullException.ThrowIfNull(record);
        var status = next >= record.TermEnd ? (record.Terminated ? ContractStatus.Terminated : ContractStatus.Expired) : ContractStatus.Live;
        return record with { State = state, NextInterval = next, Status = status, Pending = status == ContractStatus.Live ? record.Pending : null };
    }

    /// <summary>The receipt output of an execution: <c>[contractId, [[interval, allocations, payments, certificates]…]]</c> with player ids (docs/contracts/lifecycle.md#receipt-output).</summary>
    internal static byte[] ExecutionOutput(Hash256 contractId, IEnumerable<IntervalOutcome> outcomes, ImmutableSortedDictionary<string, string> parties)
    {
        var list = outcomes.ToList();
        return Output(w =>
        {
            w.WriteStartArray(2);
            w.WriteHash(contractId);
            w.WriteStartArray(list.Count);
            foreach (var o in list)
            {
                w.WriteStartArray(4);
                w.WriteInt64(o.Interval);
                w.WriteStartArray(o.Allocations.Length);
                foreach (var a in o.Allocations)
                {
                    WriteLine(w, parties[a.From], parties[a.To], a.Energy, a.Label);
                }

                w.WriteEndArray();
                w.WriteStartArray(o.Payments.Length);
                foreach (var p in o.Payments)
                {
                    WriteLine(w, parties[p.From], parties[p.To], p.Amount, p.Label);
                }

                w.WriteEndArray();
                w.WriteStartArray(o.Certificates.Length);
                foreach (var c in o.Certificates)
                {
                    WriteLine(w, c.From is null ? string.Empty : parties[c.From], parties[c.To], c.Count, c.Action);
                }

                w.WriteEndArray();
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndArray();
        });
    }

    private static void WriteLine(CborWriter w, string from, string to, long amount, string label)
    {
        w.WriteStartArray(4);
        w.WriteTextString(from);
        w.WriteTextString(to);
        w.WriteInt64(amount);
        w.WriteTextString(label);
        w.WriteEndArray();
    }

    private static byte[] Output(Action<CborWriter> write)
    {
        var w = Cbor.NewWriter();
        write(w);
        return w.Encode();
    }

    private sealed class Executor(TransactionType type, Func<TransactionContext, Result> execute) : ITransactionExecutor
    {
        public TransactionType Type => type;

        public Result Execute(TransactionContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            return execute(context);
        }
    }
}
