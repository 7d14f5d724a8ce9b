using System.Collections.Immutable;
using Flecs.Core.Results;

namespace Flecs.Cli.Settlement;

/// <summary>The outcome of verifying one invoice against the close receipts.</summary>
internal sealed record InvoiceVerification(ImmutableArray<InvoiceCheck> Checks, Error? FirstMismatch, IssuedInvoice? IssuedBy, EntryProof? Proof);
