using System.CommandLine;
using Flecs.Cli.Output;
using Flecs.Core.Results;
using Flecs.Core.Time;
using Flecs.Ledger.Blocks;
using Flecs.Node.Hosting;
using Spectre.Console;

namespace Flecs.Cli.Commands;

/// <summary><c>flecs init</c>: creates genesis, the SA root key and validator keys, and block 0.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var data = Shell.DataOption();
        var chainId = new Option<string>("--chain-id") { Description = "The chain id.", DefaultValueFactory = _ => "flecs-local" };
        var interval = new Option<int>("--interval-minutes") { Description = "Delivery interval length: 1, 5, 15 or 60.", DefaultValueFactory = _ => 1 };
        var validators = new Option<int>("--validators") { Description = "How many validator keys to create (1–5).", DefaultValueFactory = _ => 1 };
        var currency = new Option<string>("--currency") { Description = "ISO 4217 currency code.", DefaultValueFactory = _ => "EUR" };
        var postgres = new Option<string?>("--postgres") { Description = "Store the chain in this (empty, UTF8) PostgreSQL database instead of DATA/ledger.db, e.g. 'Host=127.0.0.1;Username=flecs;Password=…;Database=flecs'. Recorded in DATA/store.conf (mode 0600): every command on DATA uses it." };
        var json = Shell.JsonOption();
        var command = new Command("init", "Create a new chain: genesis, SA root key, validator keys and block 0.") { data, chainId, interval, validators, currency, postgres, json };
        command.SetAction(r =>
        {
            var asJson = r.GetValue(json);
            if (!IntervalLength.TryCreate(r.GetValue(interval), out var length))
            {
                return Shell.Fail(new Error("cli.usage", "--interval-minutes must be 1, 5, 15 or 60."), asJson, ExitCodes.Usage);
            }

            if (r.GetValue(validators) is < 1 or > 5)
            {
                return Shell.Fail(new Error("cli.usage", "--validators must be 1 to 5."), asJson, ExitCodes.Usage);
            }

            var directory = new DataDirectory(r.GetValue(data)!);
            var genesis = directory.Initialize(r.GetValue(chainId)!, length, r.GetValue(validators), TimeProvider.System, r.GetValue(currency)!, postgres: r.GetValue(postgres));
            if (!genesis.IsSuccess)
            {
                return Shell.Fail(genesis.Error, asJson);
            }

            var hash = GenesisBlock.Create(genesis.Value).Hash.ToString();
            if (asJson)
            {
                Shell.WriteJson(new { ok = true, chain_id = genesis.Value.ChainId, genesis_hash = hash, genesis_file = directory.GenesisPath, validators = genesis.Value.Validators.Select(v => v.Id.Value) });
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated($"[green]Created chain[/] '{genesis.Value.ChainId}' in {directory.Root}");
                AnsiConsole.MarkupLineInterpolated($"  genesis hash  {hash}");
                AnsiConsole.MarkupLineInterpolated($"  genesis file  {directory.GenesisPath} (give it to light clients)");
                AnsiConsole.MarkupLineInterpolated($"  store         {directory.StoreName}");
                AnsiConsole.MarkupLineInterpolated($"  keys          {directory.KeysPath} (sa.key, {string.Join(", ", genesis.Value.Validators.Select(v => v.Id.Value + ".key"))}; mode 0600)");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
