using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Ledger.Blocks;

namespace Flecs.Node.Sequencing;

/// <summary>The answer to a submitted transaction: refused at admission, or recorded in a durable block with its receipt.</summary>
/// <param name="TransactionId">The transaction id (SHA-256 of the bytes).</param>
/// <param name="AdmissionError">Why the node refused to order it (oversized, malformed, wrong chain); null when it was ordered.</param>
/// <param name="Height">The block that records it.</param>
/// <param name="Position">Its index in that block.</param>
/// <param name="Receipt">Its receipt: accepted, or rejected with a code.</param>
public sealed record Submission(Hash256 TransactionId, Error? AdmissionError, long Height, int Position, Receipt? Receipt)
{
    /// <summary>The answer for a transaction the node did not put in a block: refused at admission, or stopped or unable to seal.</summary>
    public static Submission Refused(Hash256 transactionId, Error error) => new(transactionId, error, -1, -1, null);

    /// <summary>True when the transaction is in a durable block and was accepted.</summary>
    public bool IsAccepted => Receipt is { IsAccepted: true };

    /// <summary>The rejection code (admission or receipt), or null when accepted.</summary>
    public string? RejectionCode => AdmissionError?.Code ?? (Receipt is { IsAccepted: false } r ? r.Code : null);
}
