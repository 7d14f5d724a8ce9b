using System.Reflection;

namespace Flecs.Simulation.Assets;

/// <summary>Reads the CSV extracts embedded from <c>src/Flecs.Simulation/Data</c> (see its README for sources).</summary>
internal static class EmbeddedData
{
    /// <summary>The lines of an embedded file, header included.</summary>
    public static IEnumerable<string> Lines(string fileName)
    {
        var name = "Flecs.Simulation.Data." + fileName;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }
}
