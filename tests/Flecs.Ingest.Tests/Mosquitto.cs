using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Flecs.Ingest.Tests;

/// <summary>
/// A private Mosquitto broker (Debian's <c>mosquitto</c> package, installed by build/test.sh) on a free port of
/// 127.0.0.1, with anonymous access and no persistence, killed on dispose; and the real <c>mosquitto_pub</c> to publish to it.
/// </summary>
internal sealed class Mosquitto : IAsyncDisposable
{
    public const string BrokerPath = "/usr/sbin/mosquitto";

    public const string PublishPath = "/usr/bin/mosquitto_pub";

    private readonly Process _process;
    private readonly DirectoryInfo _folder;
    private readonly ConcurrentQueue<string> _log;

    private Mosquitto(Process process, DirectoryInfo folder, ConcurrentQueue<string> log, int port)
    {
        _process = process;
        _folder = folder;
        _log = log;
        Port = port;
    }

    public int Port { get; }

    public string Broker => $"mqtt://127.0.0.1:{Port}";

    /// <summary>A port that was free a moment ago (the broker binds it right after).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Starts the broker and completes when it reports that it is running.</summary>
    public static async Task<Mosquitto> StartAsync(int port, CancellationToken cancellationToken)
    {
        Assert.True(File.Exists(BrokerPath), $"{BrokerPath} is missing: apt-get install mosquitto mosquitto-clients (build/test.sh does).");
        var folder = Directory.CreateTempSubdirectory("flecs-mosquitto-");
        var config = Path.Combine(folder.FullName, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\n", cancellationToken);
        var start = new ProcessStartInfo(BrokerPath) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(config);
        var log = new ConcurrentQueue<string>();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                running.TrySetException(new InvalidOperationException("mosquitto exited: " + string.Join(" | ", log)));
                return;
            }

            log.Enqueue(e.Data);
            if (e.Data.EndsWith(" running", StringComparison.Ordinal))
            {
                running.TrySetResult();
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var broker = new Mosquitto(process, folder, log, port);
        try
        {
            await running.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }

        return broker;
    }

    /// <summary>Publishes one message with <c>mosquitto_pub</c> (QoS 1) and waits for it to exit.</summary>
    public async Task PublishAsync(string topic, string payload, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(PublishPath) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-q", "1", "-t", topic, "-m", payload })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"mosquitto_pub -t {topic} failed ({process.ExitCode}): {await errors}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        finally
        {
            _process.Dispose();
            _folder.Delete(recursive: true);
        }
    }

    public override string ToString() => string.Join(Environment.NewLine, _log);
}
