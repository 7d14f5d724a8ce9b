using System.Collections.Immutable;
using Flecs.Ledger.Encoding;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.State;

namespace Flecs.Ledger.Registry;

/// <summary>The current validator set in ledger state, under the key <c>validators</c>.</summary>
public static class ValidatorSetState
{
    /// <summary>The state key.</summary>
    public const string Key = "validators";

    /// <summary>Reads the set; an empty set when the key is missing.</summary>
    public static ImmutableArray<ValidatorInfo> Read(IStateReader state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.TryGet(Key, out var bytes))
        {
            return [];
        }

        var r = Cbor.NewReader(bytes);
        return ValidatorSet.Read(r);
    }

    /// <summary>Writes the set, sorted by id.</summary>
    public static void Write(StateOverlay state, IEnumerable<ValidatorInfo> validators)
    {
        ArgumentNullException.ThrowIfNull(state);
        var w = Cbor.NewWriter();
        ValidatorSet.Write(w, validators.OrderBy(v => v.Id).ToArray());
        state.Set(Key, w.Encode());
    }
}
