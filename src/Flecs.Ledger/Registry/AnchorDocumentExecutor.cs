using Flecs.Core.Results;
using Flecs.Ledger.Encoding;
using Flecs.Ledger.Execution;
using Flecs.Ledger.Transactions;

namespace Flecs.Ledger.Registry;

/// <summary><c>anchor-document</c>: records <c>[owner, kind, height]</c> under the document's hash; a hash is anchored once.</summary>
public sealed class AnchorDocumentExecutor : ITransactionExecutor
{
    /// <inheritdoc/>
    public TransactionType Type => TransactionType.AnchorDocument;

    /// <inheritdoc/>
    public Result Execute(TransactionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decoded = Payload.Decode(context.Transaction.Payload, AnchorDocumentPayload.Read, p => p.Encode());
        if (!decoded.IsSuccess)
        {
            return decoded.Error;
        }

        var key = AnchorDocumentPayload.StateKey(decoded.Value.DocumentHash);
        if (context.State.TryGet(key, out _))
        {
            return Result.Fail(LedgerErrors.DocumentExists, $"The document {decoded.Value.DocumentHash} is already anchored.");
        }

        using var lease = Cbor.RentWriter();
        var w = lease.Writer;
        w.WriteStartArray(3);
        w.WritePlayerId(context.Transaction.Sender);
        w.WriteTextString(decoded.Value.Kind);
        w.WriteInt64(context.Height);
        w.WriteEndArray();
        context.State.Set(key, w.Encode());
        return Result.Success;
    }
}
