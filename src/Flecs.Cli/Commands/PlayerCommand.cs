using System.CommandLine;
using Flecs.Cli.Output;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;
using Flecs.Node.Clients;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;

namespace Flecs.Cli.Commands;

/// <summary><c>flecs player register|authorize|suspend|revoke|rotate-key</c> and <c>flecs validator add|remove</c>: registry and governance transactions, signed with keys from the data directory.</summary>
internal static class PlayerCommand
{
    private static readonly Dictionary<string, PlayerRole> Roles = new(StringComparer.Ordinal)
    {
        ["genco"] = PlayerRole.GenerationCompany,
        ["transco"] = PlayerRole.TransmissionCompany,
        ["distco"] = PlayerRole.DistributionCompany,
        ["tradco"] = PlayerRole.TradingCompany,
        ["system-operator"] = PlayerRole.SystemOperator,
        ["market-operator"] = PlayerRole.MarketOperator,
        ["regulator"] = PlayerRole.Regulator,
        ["prosumer"] = PlayerRole.Prosumer,
        ["aggco"] = PlayerRole.Aggregator,
        ["dr-provider"] = PlayerRole.DemandResponseProvider,
    };

    public static Command Create()
    {
        var player = new Command("player", "Register players and change their authorization (signed by the SA key in keys/sa.key unless --as says otherwise).");
        player.Subcommands.Add(Register());
        player.Subcommands.Add(Action("authorize", "Authorize a pending or suspended player.", TransactionType.AuthorizePlayer));
        player.Subcommands.Add(Action("suspend", "Suspend an authorized player.", TransactionType.SuspendPlayer));
        player.Subcommands.Add(Action("revoke", "Revoke a player for good.", TransactionType.RevokePlayer));
        player.Subcommands.Add(KeyChange("rotate-key", "Replace a player's key (a new keys/<id>.key is created unless --key names a public key file).", TransactionType.RotateKey));
        return player;
    }

    public static Command CreateValidator()
    {
        var validator = new Command("validator", "Change the validator set (signed by the SA root key).");
        validator.Subcommands.Add(KeyChange("add", "Add a validator (a new keys/<id>.key is created unless --key names a public key file).", TransactionType.AddValidator));
        validator.Subcommands.Add(Action("remove", "Remove a validator.", TransactionType.RemoveValidator));
        return validator;
    }

    private static Command Register()
    {
        var (data, id, asSender, json) = Common();
        var role = new Option<string>("--role") { Description = "genco, transco, distco, tradco, system-operator, market-operator, regulator, prosumer, aggco or dr-provider.", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.Keys]);
        var mode = new Option<string>("--mode") { Description = "active (own key) or passive (represented).", DefaultValueFactory = _ => "active" };
        mode.AcceptOnlyFromAmong("active", "passive");
        var representative = new Option<string?>("--representative") { Description = "The TradCo or AggCo that signs for a passive player." };
        var key = new Option<string?>("--key") { Description = "A public (or secret) key file of the player; without it a new keys/<id>.key is created." };
        var command = new Command("register", "Register a player; it starts pending until the SA authorizes it.") { data, id, role, mode, representative, key, asSender, json };
        command.SetAction((r, ct) => RunAsync(r.GetValue(data)!, r.GetValue(asSender)!, r.GetValue(json), (directory, client, sender, signer, target) =>
        {
            if (string.Equals(r.GetValue(mode), "passive", StringComparison.Ordinal))
            {
                if (!PlayerId.TryParse(r.GetValue(representative), out var rep))
                {
                    return Task.FromResult(Result<Submission>.Fail("cli.usage", "A passive player needs --representative with a valid id."));
                }

                return Wrap(client.RegisterPassiveAsync(sender, signer, target, Roles[r.GetValue(role)!], rep, ct));
            }

            var publicKey = ObtainKey(directory, target, r.GetValue(key));
            return publicKey.IsSuccess
                ? Wrap(client.RegisterActiveAsync(sender, signer, target, Roles[r.GetValue(role)!], publicKey.Value, ct))
                : Task.FromResult(Result<Submission>.Fail(publicKey.Error));
        }, r.GetValue(id)!, $"register {r.GetValue(id)}"));
        return command;
    }

    private static Command Action(string name, string description, TransactionType type)
    {
        var (data, id, asSender, json) = Common();
        var reason = new Option<string>("--reason") { Description = "Why, for the record.", DefaultValueFactory = _ => string.Empty };
        var command = new Command(name, description) { data, id, reason, asSender, json };
        command.SetAction((r, ct) => RunAsync(r.GetValue(data)!, r.GetValue(asSender)!, r.GetValue(json),
            (_, client, sender, signer, target) => Wrap(client.ActOnAsync(sender, signer, type, target, r.GetValue(reason)!, ct)),
            r.GetValue(id)!, $"{type} {r.GetValue(id)}"));
        return command;
    }

    private static Command KeyChange(string name, string description, TransactionType type)
    {
        var (data, id, asSender, json) = Common();
        var key = new Option<string?>("--key") { Description = "A public (or secret) key file; without it a new keys/<id>.key is created." };
        var command = new Command(name, description) { data, id, key, asSender, json };
        command.SetAction((r, ct) => RunAsync(r.GetValue(data)!, r.GetValue(asSender)!, r.GetValue(json), async (directory, client, sender, signer, target) =>
        {
            var staged = r.GetValue(key) is null ? directory.KeyPath(target) + ".new" : null;
            var publicKey = ObtainKey(directory, target, r.GetValue(key), staged);
            if (!publicKey.IsSuccess)
            {
                return Result<Submission>.Fail(publicKey.Error);
            }

            var submission = await client.SetKeyAsync(sender, signer, type, target, publicKey.Value, ct).ConfigureAwait(false);
            if (staged is not null)
            {
                // The new key replaces the old one only once the ledger accepted it; a rejected rotation keeps the old key in use.
                if (submission.IsAccepted)
                {
                    if (File.Exists(directory.KeyPath(target)))
                    {
                        File.Move(directory.KeyPath(target), directory.KeyPath(target) + ".old", overwrite: true);
                    }

                    File.Move(staged, directory.KeyPath(target));
                }
                else
                {
                    File.Delete(staged);
                }
            }

            return submission;
        }, r.GetValue(id)!, $"{type} {r.GetValue(id)}"));
        return command;
    }

    private static (Option<string> Data, Option<string> Id, Option<string> As, Option<bool> Json) Common() =>
        (Shell.DataOption(),
         new Option<string>("--id") { Description = "The player (or validator) id.", Required = true },
         new Option<string>("--as") { Description = "The sender whose keys/<id>.key signs.", DefaultValueFactory = _ => "sa" },
         Shell.JsonOption());

#pragma warning disable VSTHRD003, VSTHRD200 // Wrap only lifts a submission started by the caller into a Result.
    private static async Task<Result<Submission>> Wrap(Task<Submission> submission) => await submission.ConfigureAwait(false);
#pragma warning restore VSTHRD003, VSTHRD200

    private static async Task<int> RunAsync(string data, string asSender, bool json, Func<DataDirectory, LedgerClient, PlayerId, Ed25519Signer, PlayerId, Task<Result<Submission>>> send, string targetText, string what)
    {
        if (!PlayerId.TryParse(targetText, out var target) || !PlayerId.TryParse(asSender, out var sender))
        {
            return Shell.Fail(new Error("cli.usage", $"'{targetText}' or '{asSender}' is not a valid id."), json, ExitCodes.Usage);
        }

        var directory = new DataDirectory(data);
        var opened = Shell.OpenNode(data);
        if (!opened.IsSuccess)
        {
            return Shell.Fail(opened.Error, json);
        }

        var node = opened.Value;
        await using var nodeScope = node.ConfigureAwait(false);
        var signer = KeyFile.Read(directory.KeyPath(sender));
        if (!signer.IsSuccess)
        {
            return Shell.Fail(signer.Error, json);
        }

        using var key = signer.Value;
        var submission = await send(directory, new LedgerClient(node), sender, key, target).ConfigureAwait(false);
        return submission.IsSuccess ? Shell.Report(submission.Value, what, json) : Shell.Fail(submission.Error, json);
    }

    /// <summary>Reads the key file given, or the existing keys/&lt;id&gt;.key, or creates a new key at <paramref name="newKeyPath"/> (default keys/&lt;id&gt;.key).</summary>
    private static Result<Ed25519PublicKey> ObtainKey(DataDirectory directory, PlayerId id, string? keyFile, string? newKeyPath = null)
    {
        if (keyFile is not null)
        {
            return KeyFile.ReadPublicKey(keyFile);
        }

        var path = newKeyPath ?? directory.KeyPath(id);
        if (newKeyPath is null && File.Exists(path))
        {
            return KeyFile.ReadPublicKey(path);
        }

        if (File.Exists(path))
        {
            File.Delete(path);
        }

        using var created = Ed25519Signer.Generate();
        KeyFile.Write(path, created);
        return created.PublicKey;
    }
}
