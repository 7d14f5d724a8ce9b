using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Transactions;

namespace Flecs.Testing.Builders;

/// <summary>Builds a signed <see cref="Ledger.Transactions.Transaction"/>; by default an <c>anchor-document</c> from <c>genco</c>, sequence 1, valid until height 1,000, on <c>flecs-test</c>.</summary>
public sealed class TransactionBuilder
{
    private string _chainId = GenesisBuilder.DefaultChainId;
    private TransactionType _type = TransactionType.AnchorDocument;
    private PlayerId _sender = PlayerId.Parse("genco");
    private ISigner? _signer;
    private long _sequence = 1;
    private long _validUntilHeight = 1_000;
    private byte[] _payload = Payloads.Anchor("document");

    /// <summary>Sets the chain id.</summary>
    public TransactionBuilder OnChain(string chainId)
    {
        _chainId = chainId;
        return this;
    }

    /// <summary>Sets the type and payload.</summary>
    public TransactionBuilder OfType(TransactionType type, byte[] payload)
    {
        _type = type;
        _payload = payload;
        return this;
    }

    /// <summary>Sets the sender and its signer.</summary>
    public TransactionBuilder From(TestPlayer sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        _sender = sender.Id;
        _signer = sender.Signer;
        return this;
    }

    /// <summary>Sets the sequence number.</summary>
    public TransactionBuilder WithSequence(long sequence)
    {
        _sequence = sequence;
        return this;
    }

    /// <summary>Sets the validity limit.</summary>
    public TransactionBuilder ValidUntil(long height)
    {
        _validUntilHeight = height;
        return this;
    }

    /// <summary>Sets the payload.</summary>
    public TransactionBuilder WithPayload(byte[] payload)
    {
        _payload = payload;
        return this;
    }

    /// <summary>Signs the envelope.</summary>
    public Transaction Build()
    {
        if (_signer is not null)
        {
            return Transaction.Create(_chainId, _type, _sender, _sequence, _validUntilHeight, _payload, _signer);
        }

        using var signer = TestKeys.ForName(_sender.Value);
        return Transaction.Create(_chainId, _type, _sender, _sequence, _validUntilHeight, _payload, signer);
    }
}
