using System.Diagnostics.CodeAnalysis;

namespace Flecs.Contracts.Templates;

/// <summary>The type of a contract parameter (docs/contracts/README.md#parameter-types).</summary>
public enum ParameterType
{
    /// <summary>Any safe integer.</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Integer is the domain term.")]
    Integer,

    /// <summary>Energy in mWh, ≥ 0.</summary>
    Energy,

    /// <summary>Power in W, ≥ 0.</summary>
    Power,

    /// <summary>A price in µ-currency per kWh (may be negative).</summary>
    Price,

    /// <summary>Money in µ-currency, ≥ 0.</summary>
    Money,

    /// <summary>A ratio in parts per million, 0–1,000,000.</summary>
    Ratio,

    /// <summary>true or false.</summary>
    Bool,

    /// <summary>Text.</summary>
    Text,

    /// <summary>A time-of-use price table: <c>{ base: price, windows: [{ from, to, price, days? }] }</c>.</summary>
    Tou,

    /// <summary>A profile: a list of 1–1440 non-negative integers (e.g. mWh per hour of day).</summary>
    Profile,
}
