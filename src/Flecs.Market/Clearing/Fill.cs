using Flecs.Core.Units;

namespace Flecs.Market.Clearing;

/// <summary>One trade between a bid and an offer: a quantity, the price the buyer pays and the price the seller receives.</summary>
/// <remarks>
/// Under pay-as-clear both prices are the clearing price. Under pay-as-bid the buyer pays its bid and the
/// seller receives its offer; <see cref="Spread"/> goes to the market operator. Money is valued per fill
/// with <see cref="EnergyPrice.ValueOf"/> (ADR 0002, half to even), so buyer, seller and operator sum to zero.
/// </remarks>
/// <param name="BuyOrderId">The bid's id.</param>
/// <param name="SellOrderId">The offer's id.</param>
/// <param name="Quantity">The traded energy, positive.</param>
/// <param name="BuyerPrice">The price the buyer pays per kWh.</param>
/// <param name="SellerPrice">The price the seller receives per kWh.</param>
public sealed record Fill(string BuyOrderId, string SellOrderId, EnergyQuantity Quantity, EnergyPrice BuyerPrice, EnergyPrice SellerPrice)
{
    /// <summary>What the buyer pays for this fill.</summary>
    public Money BuyerPays => BuyerPrice.ValueOf(Quantity);

    /// <summary>What the seller receives for this fill.</summary>
    public Money SellerReceives => SellerPrice.ValueOf(Quantity);

    /// <summary>What the market operator keeps: <see cref="BuyerPays"/> − <see cref="SellerReceives"/> (zero under pay-as-clear).</summary>
    public Money Spread => BuyerPays - SellerReceives;
}
