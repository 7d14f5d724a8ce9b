namespace Flecs.Simulation.Tests.Report;

/// <summary>A fresh temporary directory, deleted on dispose.</summary>
internal sealed class ReportDirectory : IDisposable
{
    public ReportDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flecs-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
    }
}
