using System.Text;
using Flecs.Core.Identity;
using Flecs.Crypto.Hashing;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Players;
using Flecs.Ledger.Registry;

namespace Flecs.Testing.Builders;

/// <summary>Encoded payloads of the ledger's transaction types.</summary>
public static class Payloads
{
    /// <summary><c>register-player</c> for an active player.</summary>
    public static byte[] RegisterActive(PlayerId id, PlayerRole role, Ed25519PublicKey key) =>
        new RegisterPlayerPayload(id, role, PlayerMode.Active, key, null).Encode();

    /// <summary><c>register-player</c> for a passive player.</summary>
    public static byte[] RegisterPassive(PlayerId id, PlayerRole role, PlayerId representative) =>
        new RegisterPlayerPayload(id, role, PlayerMode.Passive, null, representative).Encode();

    /// <summary>The payload of authorize, suspend, revoke and remove-validator.</summary>
    public static byte[] Action(PlayerId id, string reason = "test") => new PlayerActionPayload(id, reason).Encode();

    /// <summary>The payload of rotate-key and add-validator.</summary>
    public static byte[] Key(PlayerId id, Ed25519PublicKey key) => new PlayerKeyPayload(id, key).Encode();

    /// <summary><c>anchor-document</c> for the SHA-256 of <paramref name="document"/>.</summary>
    public static byte[] Anchor(string document, string kind = "agreement") =>
        new AnchorDocumentPayload(DocumentHash(document), kind).Encode();

    /// <summary>SHA-256 of a document's UTF-8 text.</summary>
    public static Hash256 DocumentHash(string document) => Sha256Digest.Hash(Encoding.UTF8.GetBytes(document));
}
