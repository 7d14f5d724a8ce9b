using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;

namespace Flecs.Ledger.Genesis;

/// <summary>A Supervising Authority validator: its id and the key that seals blocks.</summary>
/// <param name="Id">The validator's id (shares the player-id namespace).</param>
/// <param name="PublicKey">The sealing key.</param>
public sealed record ValidatorInfo(PlayerId Id, Ed25519PublicKey PublicKey);
