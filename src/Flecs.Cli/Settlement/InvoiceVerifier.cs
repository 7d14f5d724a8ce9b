using System.Collections.Immutable;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Merkle;
using Flecs.Ledger.Encoding;
using Flecs.Settlement.Close;

namespace Flecs.Cli.Settlement;

/// <summary>
/// Recomputes an invoice from the close receipts (docs/cli.md#flecs-invoice-verify): every interval root from its
/// entries' canonical bytes, the period root from the leaves <c>[interval, intervalRoot]</c>, and the account's
/// lines summed over the period; independently of the settlement module's own summing and frontier code.
/// </summary>
internal static class InvoiceVerifier
{
    public const string IntervalsMismatch = "cli.invoice.intervals-mismatch";
    public const string IntervalRootMismatch = "cli.invoice.interval-root-mismatch";
    public const string PeriodRootMismatch = "cli.invoice.period-root-mismatch";
    public const string LinesMismatch = "cli.invoice.lines-mismatch";
    public const string NotIssued = "cli.invoice.not-issued";
    public const string ProofFailed = "cli.invoice.proof-failed";

    /// <summary>The leaf of an interval in its billing period's tree: canonical CBOR <c>[interval, intervalRoot]</c> (a copy of the internal <c>IntervalCloser.IntervalLeaf</c>).</summary>
    public static byte[] IntervalLeaf(long interval, Hash256 root)
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(2);
        w.WriteInt64(interval);
        w.WriteHash(root);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Verifies <paramref name="invoice"/> (stored as <paramref name="stateBytes"/>) against the records of its period and the issued invoices.</summary>
    /// <param name="invoice">The invoice from state.</param>
    /// <param name="stateBytes">Its stored bytes.</param>
    /// <param name="records">The interval records of [first, end), in ledger order.</param>
    /// <param name="issued">Every invoice in a close receipt.</param>
    /// <param name="interval">The interval whose entry to prove, or null; it must be a record's interval holding the account.</param>
    public static InvoiceVerification Verify(Invoice invoice, ReadOnlyMemory<byte> stateBytes, IReadOnlyList<IntervalRecord> records, IReadOnlyList<IssuedInvoice> issued, long? interval)
    {
        var checks = ImmutableArray.CreateBuilder<InvoiceCheck>();
        Error? first = null;
        void Check(string name, string code, bool ok, string detail)
        {
            checks.Add(new InvoiceCheck(name, ok, detail));
            if (!ok && first is null)
            {
                first = new Error(code, detail);
            }
        }

        // 1. Every interval of [first, end) was settled exactly once, in order, and the count is the invoice's.
        var ordered = records.OrderBy(r => r.Interval).ToList();
        var gap = Enumerable.Range(0, ordered.Count).FirstOrDefault(i => ordered[i].Interval != invoice.First + i, -1);
        var expected = invoice.End - invoice.First;
        Check("intervals", IntervalsMismatch, gap < 0 && ordered.Count == expected && ordered.Count == invoice.Intervals,
            gap >= 0
                ? $"The close receipts hold interval {ordered[gap].Interval} where {invoice.First + gap} was expected (duplicate or gap)."
                : $"{ordered.Count} interval records in [{invoice.First}, {invoice.End}); the period has {expected} and the invoice counts {invoice.Intervals}.");

        // 2. Each interval root is the RFC 9162 root over its entries' canonical bytes, in ascending account order.
        string? rootProblem = null;
        foreach (var record in ordered)
        {
            var leaves = record.Entries.Select(e => MerkleTree.LeafHash(e.Bytes.Span)).ToArray();
            var sortedAccounts = record.Entries.Zip(record.Entries.Skip(1)).All(p => string.CompareOrdinal(p.First.Account, p.Second.Account) < 0);
            var root = MerkleTree.Root(leaves);
            if (root != record.Root || !sortedAccounts)
            {
                rootProblem = sortedAccounts
                    ? $"Interval {record.Interval} (close {record.Transaction}): the entries give root {root}, the record says {record.Root}."
                    : $"Interval {record.Interval} (close {record.Transaction}): the entries are not in ascending account order.";
                break;
            }
        }

        Check("interval-roots", IntervalRootMismatch, rootProblem is null, rootProblem ?? $"{ordered.Count} interval roots recomputed from {ordered.Sum(r => r.Entries.Length)} entries.");

        // 3. The period root over the leaves [interval, intervalRoot].
        var periodLeaves = ordered.Select(r => MerkleTree.LeafHash(IntervalLeaf(r.Interval, r.Root))).ToArray();
        var periodRoot = MerkleTree.Root(periodLeaves);
        Check("period-root", PeriodRootMismatch, periodRoot == invoice.Root,
            periodRoot == invoice.Root ? $"Period root {periodRoot} over {periodLeaves.Length} interval leaves." : $"The interval leaves give period root {periodRoot}; the invoice says {invoice.Root}.");

        // 4. The account's lines summed over the period, by (kind, reference), sorted by kind then reference.
        var sums = new Dictionary<(LineKind Kind, string Reference), (long Energy, long Money, long Certificates)>();
        var entryCount = 0;
        foreach (var record in ordered)
        {
            foreach (var (account, bytes) in record.Entries)
            {
                if (!string.Equals(account, invoice.Account, StringComparison.Ordinal))
                {
                    continue;
                }

                entryCount++;
                foreach (var line in CloseReceipts.ReadEntry(bytes).Lines)
                {
                    var s = sums.GetValueOrDefault((line.Kind, line.BillingReference));
                    sums[(line.Kind, line.BillingReference)] = (checked(s.Energy + line.Energy), checked(s.Money + line.Money), checked(s.Certificates + line.Certificates));
                }
            }
        }

        var summed = sums.OrderBy(p => (int)p.Key.Kind).ThenBy(p => p.Key.Reference, StringComparer.Ordinal)
            .Select(p => new JournalLine(p.Key.Kind, p.Key.Reference, p.Value.Energy, p.Value.Money, p.Value.Certificates)).ToList();
        var lineProblem = LineDifference(summed, invoice.Lines);
        Check("lines", LinesMismatch, lineProblem is null, lineProblem ?? $"{summed.Count} lines summed from {entryCount} entries of '{invoice.Account}' equal the invoice.");

        // 5. The invoice in state is the one a close receipt issued, byte for byte.
        var matches = issued.Where(i => string.Equals(i.Account, invoice.Account, StringComparison.Ordinal) && i.Period == invoice.Period).ToList();
        var issuedBy = matches.Count == 1 && matches[0].Bytes.Span.SequenceEqual(stateBytes.Span) ? matches[0] : null;
        Check("issued", NotIssued, issuedBy is not null,
            issuedBy is not null ? $"Issued by close {issuedBy.Transaction} in block {issuedBy.Height}."
            : matches.Count == 0 ? "No close receipt issued this invoice." : matches.Count > 1 ? $"{matches.Count} close receipts issued an invoice for this account and period." : $"The invoice issued by close {matches[0].Transaction} differs from the stored one.");

        EntryProof? proof = null;
        if (interval is { } t && ordered.FindIndex(r => r.Interval == t) is var k and >= 0)
        {
            var record = ordered[k];
            var index = record.Entries.Select(e => e.Account).ToList().IndexOf(invoice.Account);
            if (index >= 0)
            {
                var leaves = record.Entries.Select(e => MerkleTree.LeafHash(e.Bytes.Span)).ToArray();
                var entryPath = MerkleTree.InclusionPath(leaves, index);
                var toInterval = new InclusionProof(index, leaves.Length, leaves[index], entryPath, record.Root, MerkleTree.VerifyInclusion(leaves[index], index, leaves.Length, entryPath, record.Root));
                var periodPath = MerkleTree.InclusionPath(periodLeaves, k);
                var toPeriod = new InclusionProof(k, periodLeaves.Length, periodLeaves[k], periodPath, invoice.Root, MerkleTree.VerifyInclusion(periodLeaves[k], k, periodLeaves.Length, periodPath, invoice.Root));
                proof = new EntryProof(t, record, CloseReceipts.ReadEntry(record.Entries[index].Bytes).Lines, toInterval, toPeriod);
                Check("proofs", ProofFailed, toInterval.Ok && toPeriod.Ok,
                    toInterval.Ok && toPeriod.Ok ? $"Entry {index} of {leaves.Length} → interval root, leaf {k} of {periodLeaves.Length} → period root."
                    : $"Interval {t}: the entry → interval root proof {(toInterval.Ok ? "holds" : "fails")}, the interval → period root proof {(toPeriod.Ok ? "holds" : "fails")}.");
            }
        }

        return new InvoiceVerification(checks.ToImmutable(), first, issuedBy, proof);
    }

    private static string? LineDifference(List<JournalLine> summed, ImmutableArray<JournalLine> invoice)
    {
        for (var i = 0; i < Math.Max(summed.Count, invoice.Length); i++)
        {
            var mine = i < summed.Count ? summed[i] : (JournalLine?)null;
            var theirs = i < invoice.Length ? invoice[i] : (JournalLine?)null;
            if (mine != theirs)
            {
                return $"Line {i + 1}: the entries sum to {Describe(mine)}; the invoice says {Describe(theirs)}.";
            }
        }

        return null;
    }

    private static string Describe(JournalLine? line) => line is { } l
        ? $"{SettlementCli.LineKindName(l.Kind)} '{l.Reference}' {SettlementCli.Six(l.Energy)} kWh, {SettlementCli.Six(l.Money)}, {l.Certificates} certificates"
        : "no line";
}
