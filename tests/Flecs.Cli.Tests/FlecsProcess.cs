using System.Diagnostics;

namespace Flecs.Cli.Tests;

/// <summary>Runs the real flecs command (the built flecs.dll next to the tests) as a child process.</summary>
internal static class FlecsProcess
{
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "flecs.dll");

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["NO_COLOR"] = "1";
        return info;
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(CancellationToken ct, params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await output, await error);
    }
}
