using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Execution;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;
using Flecs.Testing.Builders;
using Flecs.Testing.Storage;

namespace Flecs.Testing.Chains;

/// <summary>A <see cref="Ledger.Blocks.Chain"/> in memory over a genesis with known keys: sign transactions, build, validate and commit blocks.</summary>
/// <remarks>
/// Every appended block is built with <see cref="Chain.Build"/>, then re-validated with <see cref="Chain.Validate"/>
/// (which re-executes it and compares receipts) before it is committed to the chain and written to
/// <see cref="Store"/>, so a test that appends blocks also checks that builder and validator agree.
/// Block n is timestamped genesis + n seconds. Sequence numbers are tracked per sender like
/// <c>LedgerClient</c> does: from the committed sequence, counting the transactions signed since the last block.
/// </remarks>
public sealed class TestChain
{
    /// <summary>How many blocks past the next one a transaction stays valid by default.</summary>
    public const long DefaultValidityBlocks = 1_000;

    private readonly Dictionary<PlayerId, long> _nextSequence = [];
    private readonly Dictionary<PlayerId, TestPlayer> _players = [];
    private readonly HashSet<Hash256> _accepted = [];
    private readonly List<CommittedBlock> _blocks = [];

    private TestChain(GenesisConfig genesis, IReadOnlyList<ITransactionExecutor> moduleExecutors)
    {
        Verifier = new Ed25519SignatureVerifier();
        ModuleExecutors = moduleExecutors;
        Chain = Chain.FromGenesis(genesis, Verifier, moduleExecutors);
        Store = new InMemoryLedgerStore();
        var block0 = GenesisBlock.Create(genesis);
        var writes = GenesisBlock.InitialState(genesis).SortedWrites();
        Store.Initialize(genesis.Encode(), block0, writes);
        _blocks.Add(new CommittedBlock(block0, writes));
        Sa = new TestPlayer(genesis.SupervisingAuthorityId, TestKeys.FromSeedByte(TestKeys.SupervisingAuthoritySeed));
        Validators = [.. genesis.Validators.Select(v => new TestPlayer(v.Id, TestKeys.Validator(int.Parse(v.Id.Value["validator-".Length..], System.Globalization.CultureInfo.InvariantCulture))))];
        Sealer = Validators[0];
        _players[Sa.Id] = Sa;
        foreach (var validator in Validators)
        {
            _players[validator.Id] = validator;
        }
    }

    /// <summary>The chain under test.</summary>
    public Chain Chain { get; }

    /// <summary>The genesis document.</summary>
    public GenesisConfig Genesis => Chain.Genesis;

    /// <summary>The module executors the chain runs besides the ledger's own.</summary>
    public IReadOnlyList<ITransactionExecutor> ModuleExecutors { get; }

    /// <summary>Every committed block, genesis first.</summary>
    public IReadOnlyList<CommittedBlock> Blocks => _blocks;

    /// <summary>A store holding the same blocks and state (for the verifier and proofs).</summary>
    public InMemoryLedgerStore Store { get; }

    /// <summary>The verifier the chain uses.</summary>
    public Ed25519SignatureVerifier Verifier { get; }

    /// <summary>The Supervising Authority with its root key.</summary>
    public TestPlayer Sa { get; }

    /// <summary>The genesis validators with their keys (genesis must use <see cref="GenesisBuilder"/>'s validator ids).</summary>
    public IReadOnlyList<TestPlayer> Validators { get; }

    /// <summary>The validator that seals appended blocks; the first genesis validator unless changed.</summary>
    public TestPlayer Sealer { get; set; }

    /// <summary>The head height.</summary>
    public long Height => Chain.Head.Height;

    /// <summary>The height of the next block.</summary>
    public long NextHeight => Height + 1;

    /// <summary>A player by id: one registered through this chain's builder, else a new one with a key derived from its id.</summary>
    public TestPlayer this[string id] => Player(id);

    /// <summary>Creates a chain at block 0 of <paramref name="genesis"/> (default: <c>A.Genesis().Build()</c>).</summary>
    public static TestChain Create(GenesisConfig? genesis = null, IEnumerable<ITransactionExecutor>? moduleExecutors = null) =>
        new(genesis ?? A.Genesis().Build(), [.. moduleExecutors ?? []]);

    /// <summary>A player by id (see the indexer).</summary>
    public TestPlayer Player(string id)
    {
        var playerId = PlayerId.Parse(id);
        if (!_players.TryGetValue(playerId, out var player))
        {
            player = TestPlayer.Named(id);
            _players[playerId] = player;
        }

        return player;
    }

    /// <summary>Remembers <paramref name="player"/>'s key as the one the indexer returns (after a key rotation).</summary>
    public void Remember(TestPlayer player)
    {
        ArgumentNullException.ThrowIfNull(player);
        _players[player.Id] = player;
    }

    /// <summary>The next sequence number for <paramref name="sender"/> without consuming it.</summary>
    public long PeekSequence(PlayerId sender) =>
        _nextSequence.TryGetValue(sender, out var next) ? next : CommittedSequence(sender) + 1;

    /// <summary>The sequence of the sender's last accepted transaction.</summary>
    public long CommittedSequence(PlayerId sender) => FindPlayer(sender)?.Sequence ?? 0;

    /// <summary>Signs a transaction; unless given, the sequence is the sender's next and the limit the next height + 1,000.</summary>
    public Transaction Sign(TestPlayer sender, TransactionType type, byte[] payload, long? sequence = null, long? validUntilHeight = null, string? chainId = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var seq = sequence ?? PeekSequence(sender.Id);
        if (sequence is null)
        {
            _nextSequence[sender.Id] = seq + 1;
        }

        return Transaction.Create(chainId ?? Genesis.ChainId, type, sender.Id, seq, validUntilHeight ?? (NextHeight + DefaultValidityBlocks), payload, sender.Signer);
    }

    /// <summary>The SA registers an active player.</summary>
    public Transaction RegisterActive(TestPlayer player, PlayerRole role) => RegisterActive(Sa, player, role);

    /// <summary><paramref name="sender"/> registers an active player.</summary>
    public Transaction RegisterActive(TestPlayer sender, TestPlayer player, PlayerRole role)
    {
        ArgumentNullException.ThrowIfNull(player);
        return Sign(sender, TransactionType.RegisterPlayer, Payloads.RegisterActive(player.Id, role, player.PublicKey));
    }

    /// <summary><paramref name="sender"/> registers a passive player represented by <paramref name="representative"/>.</summary>
    public Transaction RegisterPassive(TestPlayer sender, string id, PlayerRole role, PlayerId representative) =>
        Sign(sender, TransactionType.RegisterPlayer, Payloads.RegisterPassive(PlayerId.Parse(id), role, representative));

    /// <summary>The SA authorizes a player.</summary>
    public Transaction Authorize(PlayerId id) => Sign(Sa, TransactionType.AuthorizePlayer, Payloads.Action(id));

    /// <summary>The SA suspends a player.</summary>
    public Transaction Suspend(PlayerId id) => Sign(Sa, TransactionType.SuspendPlayer, Payloads.Action(id));

    /// <summary>The SA revokes a player.</summary>
    public Transaction Revoke(PlayerId id) => Sign(Sa, TransactionType.RevokePlayer, Payloads.Action(id));

    /// <summary>The SA rotates a player's key.</summary>
    public Transaction RotateKey(PlayerId id, Ed25519PublicKey key) => Sign(Sa, TransactionType.RotateKey, Payloads.Key(id, key));

    /// <summary>The SA adds a validator.</summary>
    public Transaction AddValidator(PlayerId id, Ed25519PublicKey key) => Sign(Sa, TransactionType.AddValidator, Payloads.Key(id, key));

    /// <summary>The SA removes a validator.</summary>
    public Transaction RemoveValidator(PlayerId id) => Sign(Sa, TransactionType.RemoveValidator, Payloads.Action(id));

    /// <summary><paramref name="sender"/> anchors the hash of <paramref name="document"/>.</summary>
    public Transaction Anchor(TestPlayer sender, string document, string kind = "agreement") =>
        Sign(sender, TransactionType.AnchorDocument, Payloads.Anchor(document, kind));

    /// <summary>Registers and authorizes an active player in one block; throws unless both are accepted.</summary>
    public TestPlayer Onboard(string id, PlayerRole role)
    {
        var player = Player(id);
        var block = Append(RegisterActive(player, role), Authorize(player.Id));
        if (!block.Receipts.All(r => r.IsAccepted))
        {
            throw new InvalidOperationException($"Onboarding '{id}' failed: {string.Join(", ", block.Receipts.Select(r => r.Code))}.");
        }

        return player;
    }

    /// <summary>Builds, validates and commits a block of <paramref name="transactions"/> sealed by <see cref="Sealer"/>.</summary>
    public Block Append(params Transaction[] transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        return AppendRaw([.. transactions.Select(t => t.Bytes)]);
    }

    /// <summary>Builds, validates and commits a block of raw envelopes (which may be malformed) sealed by <see cref="Sealer"/>.</summary>
    public Block AppendRaw(params byte[][] envelopes)
    {
        var block = Build(envelopes);
        var validated = Validate(block);
        if (!validated.IsSuccess)
        {
            throw new InvalidOperationException($"Chain.Validate rejects the block Chain.Build made: {validated.Error}");
        }

        Commit(block, validated.Value);
        return block;
    }

    /// <summary>Builds and seals the next block without committing it.</summary>
    public Block Build(IReadOnlyList<byte[]> envelopes, TestPlayer? sealer = null)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        var by = sealer ?? Sealer;
        var candidates = envelopes.Select(e => new TransactionCandidate(e)).ToArray();
        var (block, _) = Chain.Build(candidates, TimestampOf(NextHeight), by.Id, by.Signer, _accepted.Contains);
        return block;
    }

    /// <summary>Validates <paramref name="block"/> as the next block, as a follower or the verifier would.</summary>
    public Result<BlockOutcome> Validate(Block block) => Chain.Validate(block, _accepted.Contains);

    /// <summary>Commits a validated block to the chain and the store.</summary>
    public void Commit(Block block, BlockOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(outcome);
        var writes = outcome.State.SortedWrites();
        Store.Append(block, writes);
        Chain.Commit(block, outcome);
        _blocks.Add(new CommittedBlock(block, writes));
        foreach (var receipt in block.Receipts.Where(r => r.IsAccepted))
        {
            _accepted.Add(receipt.TransactionId);
        }

        _nextSequence.Clear();
    }

    /// <summary>The committed state as (key, lowercase hex value) pairs in key order: easy to compare and to read in a failure.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> StateSnapshot() =>
        [.. Chain.State.Snapshot().Select(e => new KeyValuePair<string, string>(e.Key, Convert.ToHexStringLower(e.Value)))];

    /// <summary>A player's committed record.</summary>
    public PlayerRecord? FindPlayer(PlayerId id) =>
        Chain.State.TryGet(PlayerRecord.StateKey(id), out var bytes) ? PlayerRecord.Decode(bytes) : null;

    /// <summary>A player's committed record by id.</summary>
    public PlayerRecord? FindPlayer(string id) => FindPlayer(PlayerId.Parse(id));

    /// <summary>The timestamp of block <paramref name="height"/>: genesis + <paramref name="height"/> seconds.</summary>
    public long TimestampOf(long height) => checked(Genesis.TimestampMs + (height * 1_000));
}
