namespace Flecs.Simulation.Assets;

/// <summary>The BDEW day types of the standard load profiles.</summary>
public enum BdewDayType
{
    /// <summary>Monday to Friday (BDEW "Werktag", WT).</summary>
    Workday = 0,

    /// <summary>Saturday, and 24 and 31 December unless a Sunday (BDEW "Samstag", SA).</summary>
    Saturday = 1,

    /// <summary>Sunday and the nine nationwide German public holidays (BDEW "Sonn-/Feiertag", FT).</summary>
    Sunday = 2,
}
