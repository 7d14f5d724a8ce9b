namespace Flecs.Ledger.Players;

/// <summary>A market player's role. The numbers are persisted in transactions and state: never renumber.</summary>
public enum PlayerRole
{
    /// <summary>A generation company (MPM).</summary>
    GenerationCompany = 1,

    /// <summary>A transmission company (MPM).</summary>
    TransmissionCompany = 2,

    /// <summary>A distribution company (MPM).</summary>
    DistributionCompany = 3,

    /// <summary>A trading company (TradCo): trades in both markets and represents passive players.</summary>
    TradingCompany = 4,

    /// <summary>The system operator.</summary>
    SystemOperator = 5,

    /// <summary>The market operator.</summary>
    MarketOperator = 6,

    /// <summary>The regulator.</summary>
    Regulator = 7,

    /// <summary>A prosumer: consumes and produces (SPM).</summary>
    Prosumer = 8,

    /// <summary>An aggregator (AggCo): pools prosumers and represents passive players.</summary>
    Aggregator = 9,

    /// <summary>A demand-response provider.</summary>
    DemandResponseProvider = 10,

    /// <summary>The Supervising Authority.</summary>
    SupervisingAuthority = 11,
}
