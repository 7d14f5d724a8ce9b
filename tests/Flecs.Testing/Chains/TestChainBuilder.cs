using Flecs.Ledger.Execution;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;

namespace Flecs.Testing.Chains;

/// <summary>Builds a <see cref="TestChain"/> whose block 1 registers players and brings each to its status.</summary>
public sealed class TestChainBuilder
{
    private readonly List<(string Id, PlayerRole Role, PlayerStatus Status, string? Representative)> _players = [];
    private readonly List<ITransactionExecutor> _modules = [];
    private GenesisConfig? _genesis;

    /// <summary>Uses <paramref name="genesis"/> instead of the default.</summary>
    public TestChainBuilder WithGenesis(GenesisConfig genesis)
    {
        _genesis = genesis;
        return this;
    }

    /// <summary>Adds a module executor.</summary>
    public TestChainBuilder WithExecutor(ITransactionExecutor executor)
    {
        _modules.Add(executor);
        return this;
    }

    /// <summary>Adds an active player with a key derived from its id.</summary>
    public TestChainBuilder WithPlayer(string id, PlayerRole role, PlayerStatus status = PlayerStatus.Authorized)
    {
        _players.Add((id, role, status, null));
        return this;
    }

    /// <summary>Adds a passive player represented by <paramref name="representative"/> (added earlier).</summary>
    public TestChainBuilder WithPassivePlayer(string id, string representative, PlayerRole role = PlayerRole.Prosumer, PlayerStatus status = PlayerStatus.Authorized)
    {
        _players.Add((id, role, status, representative));
        return this;
    }

    /// <summary>Builds the chain; with players, block 1 holds the SA's setup transactions, all accepted.</summary>
    public TestChain Build()
    {
        var chain = TestChain.Create(_genesis, _modules);
        if (_players.Count == 0)
        {
            return chain;
        }

        var setup = new List<Transaction>();
        foreach (var (id, role, status, representative) in _players)
        {
            var player = chain.Player(id);
            setup.Add(representative is null
                ? chain.RegisterActive(player, role)
                : chain.RegisterPassive(chain.Sa, id, role, chain.Player(representative).Id));
            switch (status)
            {
                case PlayerStatus.Authorized:
                    setup.Add(chain.Authorize(player.Id));
                    break;
                case PlayerStatus.Suspended:
                    setup.Add(chain.Authorize(player.Id));
                    setup.Add(chain.Suspend(player.Id));
                    break;
                case PlayerStatus.Revoked:
                    setup.Add(chain.Revoke(player.Id));
                    break;
            }
        }

        var block = chain.Append([.. setup]);
        if (!block.Receipts.All(r => r.IsAccepted))
        {
            throw new InvalidOperationException("The setup block rejected a transaction: " + string.Join(", ", block.Receipts.Select(r => r.Code)));
        }

        return chain;
    }
}
