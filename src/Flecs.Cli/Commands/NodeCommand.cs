using System.CommandLine;
using Flecs.Cli.Output;
using Flecs.Node.Sequencing;

namespace Flecs.Cli.Commands;

/// <summary>
/// <c>flecs node</c>: runs the embedded node. Until the HTTP API exists (issue 7), it takes signed
/// transactions as hex lines on standard input and writes one JSON acknowledgement line per
/// transaction to standard output, only after the transaction's block is durable.
/// </summary>
internal static class NodeCommand
{
    public static Command Create()
    {
        var data = Shell.DataOption();
        var validator = new Option<string?>("--validator") { Description = "The validator id whose key in keys/ seals blocks (default: the first one present)." };
        var command = new Command("node", "Run the embedded node: hex-encoded signed transactions on stdin, one JSON acknowledgement line each on stdout after its block is durable.") { data, validator };
        command.SetAction(async (r, ct) =>
        {
            var opened = Shell.OpenNode(r.GetValue(data)!, r.GetValue(validator));
            if (!opened.IsSuccess)
            {
                return Shell.Fail(opened.Error, json: false);
            }

            var node = opened.Value;
            await using var nodeScope = node.ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"node: chain '{node.Genesis.ChainId}' at height {node.Chain.Head.Height}; reading transactions from stdin").ConfigureAwait(false);
            var output = Console.Out;
            var writeLock = new SemaphoreSlim(1, 1);
            var inFlight = new List<Task>();
            string? line;
            while ((line = await Console.In.ReadLineAsync(ct).ConfigureAwait(false)) is not null)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                byte[] bytes;
                try
                {
                    bytes = Convert.FromHexString(line.Trim());
                }
                catch (FormatException)
                {
                    await WriteAsync(output, writeLock, $"{{\"ok\":false,\"code\":\"cli.input.not-hex\",\"message\":\"A line is not hex.\"}}", ct).ConfigureAwait(false);
                    continue;
                }

                inFlight.Add(AcknowledgeAsync(node, bytes, output, writeLock, ct));
                if (inFlight.Count >= 4096)
                {
                    inFlight.RemoveAll(t => t.IsCompleted);
                }
            }

            await Task.WhenAll(inFlight).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task AcknowledgeAsync(EmbeddedNode node, byte[] bytes, TextWriter output, SemaphoreSlim writeLock, CancellationToken ct)
    {
        var s = await node.SubmitAsync(bytes, ct).ConfigureAwait(false);
        var line = System.Text.Json.JsonSerializer.Serialize(
            new { ok = s.IsAccepted, id = s.TransactionId.ToString(), height = s.Height, position = s.Position, code = s.RejectionCode },
            Shell.Json);
        await WriteAsync(output, writeLock, line, ct).ConfigureAwait(false);
    }

    private static async Task WriteAsync(TextWriter output, SemaphoreSlim writeLock, string line, CancellationToken ct)
    {
        await writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
            await output.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            writeLock.Release();
        }
    }
}
