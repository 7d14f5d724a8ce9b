using System.Diagnostics.CodeAnalysis;

namespace Flecs.Market.Books;

/// <summary>The lower-case text names of <see cref="Technology"/> used in book files (<c>"nuclear"</c>, <c>"hydro"</c>, …).</summary>
public static class TechnologyNames
{
    /// <summary>The text name of a technology.</summary>
    public static string ToName(Technology technology) => technology switch
    {
        Technology.Nuclear => "nuclear",
        Technology.Hydro => "hydro",
        Technology.Wind => "wind",
        Technology.Solar => "solar",
        Technology.Gas => "gas",
        Technology.Coal => "coal",
        Technology.Oil => "oil",
        Technology.Biomass => "biomass",
        Technology.Storage => "storage",
        Technology.Imports => "imports",
        _ => throw new ArgumentOutOfRangeException(nameof(technology), technology, "Not a defined technology."),
    };

    /// <summary>Parses a text name (exact, lower case).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Technology technology)
    {
        technology = text switch
        {
            "nuclear" => Technology.Nuclear,
            "hydro" => Technology.Hydro,
            "wind" => Technology.Wind,
            "solar" => Technology.Solar,
            "gas" => Technology.Gas,
            "coal" => Technology.Coal,
            "oil" => Technology.Oil,
            "biomass" => Technology.Biomass,
            "storage" => Technology.Storage,
            "imports" => Technology.Imports,
            _ => default,
        };
        return technology != default;
    }
}
