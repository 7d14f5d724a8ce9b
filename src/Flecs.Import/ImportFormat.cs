namespace Flecs.Import;

/// <summary>The meter data file formats the importers read.</summary>
public enum ImportFormat
{
    /// <summary>FLECS interval CSV; see <see cref="CsvReadings"/>.</summary>
    Csv = 0,

    /// <summary>NAESB ESPI (Green Button) Atom feed; see <see cref="GreenButtonReadings"/>.</summary>
    GreenButton = 1,

    /// <summary>EDIFACT MSCONS; see <see cref="MsconsReadings"/>.</summary>
    Mscons = 2,

    /// <summary>DSMR P1 telegrams; see <see cref="DsmrTelegrams"/>.</summary>
    DsmrP1 = 3,
}
