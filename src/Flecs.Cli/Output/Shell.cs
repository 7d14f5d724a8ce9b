using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Flecs.Core.Results;
using Flecs.Ledger;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;
using Spectre.Console;

namespace Flecs.Cli.Output;

/// <summary>Shared options, output and error mapping of the flecs commands.</summary>
internal static class Shell
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Option<string> DataOption() => new("--data")
    {
        Description = "The node's data directory (genesis.cbor, ledger.db, keys/).",
        Required = true,
    };

    public static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON object for machines instead of tables." };

    public static void WriteJson(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>Prints an error (as JSON on stdout with --json, else in red on stderr) and returns its exit code.</summary>
    public static int Fail(Error error, bool json, int? exitCode = null)
    {
        var code = exitCode ?? ExitCodeOf(error.Code);
        if (json)
        {
            WriteJson(new { ok = false, error = new { code = error.Code, message = error.Message }, exit_code = code });
        }
        else
        {
            Console.Error.WriteLine($"error {error.Code}: {error.Message}");
        }

        return code;
    }

    public static int ExitCodeOf(string errorCode) => errorCode switch
    {
        DataDirectory.NotInitialized or DataDirectory.AlreadyInitialized or DataDirectory.StoreUnavailable or EmbeddedNode.Locked or EmbeddedNode.NoValidatorKey => ExitCodes.DataDirectory,
        LedgerErrors.StoreCorrupt => ExitCodes.VerificationFailed,
        LedgerErrors.GenesisInvalid => ExitCodes.InvalidInput,
        "cli.usage" => ExitCodes.Usage,
        _ when errorCode.StartsWith("crypto.key.", StringComparison.Ordinal) => ExitCodes.InvalidInput,
        _ when errorCode.StartsWith("cli.", StringComparison.Ordinal) => ExitCodes.InvalidInput,
        _ when errorCode.StartsWith("contract.value.", StringComparison.Ordinal) || errorCode.StartsWith("contract.input.", StringComparison.Ordinal)
            || errorCode.StartsWith("contract.params.", StringComparison.Ordinal) || errorCode.StartsWith("contract.template.", StringComparison.Ordinal) => ExitCodes.InvalidInput,
        _ => ExitCodes.Rejected,
    };

    /// <summary>Opens the embedded node of a data directory for one command.</summary>
    public static Result<EmbeddedNode> OpenNode(string data, string? validatorId = null) =>
        EmbeddedNode.Open(new NodeOptions { DataDirectory = data, ValidatorId = validatorId, MaxBlockDelay = TimeSpan.FromMilliseconds(5) }, TimeProvider.System);

    /// <summary>Prints the outcome of one submitted transaction and returns the exit code.</summary>
    public static int Report(Submission submission, string what, bool json)
    {
        if (json)
        {
            WriteJson(new
            {
                ok = submission.IsAccepted,
                transaction = what,
                id = submission.TransactionId.ToString(),
                height = submission.Height,
                position = submission.Position,
                status = submission.IsAccepted ? "accepted" : "rejected",
                code = submission.RejectionCode,
                message = submission.AdmissionError?.Message,
            });
        }
        else if (submission.IsAccepted)
        {
            AnsiConsole.MarkupLineInterpolated($"[green]accepted[/] {what} in block {submission.Height} (tx {submission.TransactionId.ToString()[..16]}…)");
        }
        else
        {
            AnsiConsole.MarkupLineInterpolated($"[red]rejected[/] {what}: {submission.RejectionCode} {submission.AdmissionError?.Message}");
        }

        return submission.IsAccepted ? ExitCodes.Ok : ExitCodes.Rejected;
    }
}
