using CsCheck;
using Flecs.Core.Units;

namespace Flecs.Core.Tests.Units;

public sealed class RoundingTests
{
    [Theory]
    [InlineData(5, 2, 2)]
    [InlineData(7, 2, 4)]
    [InlineData(-5, 2, -2)]
    [InlineData(-7, 2, -4)]
    [InlineData(10, 4, 2)]
    [InlineData(14, 4, 4)]
    [InlineData(11, 4, 3)]
    [InlineData(9, 4, 2)]
    [InlineData(-11, 4, -3)]
    [InlineData(5, -2, -2)]
    [InlineData(0, 7, 0)]
    public void DivideHalfEven_Values_RoundHalfToEven(long numerator, long denominator, long expected)
    {
        var result = Rounding.DivideHalfEven(numerator, denominator);

        Assert.Equal(expected, result);
    }

    [Fact]
    public void DivideHalfEven_AnyOperands_EqualsExactRationalRoundedHalfToEven()
    {
        Gen.Select(Gen.Long, Gen.Long.Where(d => d != 0)).Sample((n, d) =>
        {
            var exact = Int128.DivRem(n, d);
            var q = exact.Quotient;
            var r = exact.Remainder;
            Int128 twice = Int128.Abs(r) * 2;
            Int128 den = Int128.Abs((Int128)d);
            if (twice > den || (twice == den && !Int128.IsEvenInteger(q)))
            {
                q += ((Int128)n < 0) != (d < 0) ? -1 : 1;
            }

            // Out of range (long.MinValue / -1): the documented OverflowException, not a wrapped value.
            if (q < long.MinValue || q > long.MaxValue)
            {
                return Throws<OverflowException>(() => Rounding.DivideHalfEven(n, d));
            }

            return Rounding.DivideHalfEven(n, d) == (long)q;
        });
    }

    [Theory]
    [InlineData(7, 2, 3)]
    [InlineData(-7, 2, -4)]
    [InlineData(-8, 2, -4)]
    [InlineData(7, -2, -4)]
    public void DivideFloor_Values_RoundTowardNegativeInfinity(long numerator, long denominator, long expected)
    {
        Assert.Equal(expected, Rounding.DivideFloor(numerator, denominator));
    }

    [Fact]
    public void SplitProRata_EqualWeights_RemainderGoesToLowestIndex()
    {
        var parts = Rounding.SplitProRata(10, [1, 1, 1]);

        Assert.Equal([4, 3, 3], parts);
    }

    [Fact]
    public void SplitProRata_Negative_MirrorsPositive()
    {
        var parts = Rounding.SplitProRata(-10, [1, 1, 1]);

        Assert.Equal([-4, -3, -3], parts);
    }

    [Fact]
    public void SplitProRata_LargestRemainderWins()
    {
        var parts = Rounding.SplitProRata(100, [1, 2, 4]);

        Assert.Equal([14, 29, 57], parts);
    }

    [Fact]
    public void SplitProRata_AllZeroWeightsNonZeroTotal_Throws()
    {
        Assert.Throws<ArgumentException>(() => Rounding.SplitProRata(5, [0, 0]));
    }

    [Fact]
    public void SplitProRata_AnyInput_PartsSumToTotalAndStayWithinOneOfExactShare()
    {
        Gen.Select(Gen.Long[-1_000_000_000, 1_000_000_000], Gen.Long[0, 1_000_000].Array[1, 20])
            .Where(t => t.Item2.Any(w => w > 0))
            .Sample((total, weights) =>
            {
                var parts = Rounding.SplitProRata(total, weights);
                var sum = weights.Sum(w => (decimal)w);
                var ok = parts.Sum() == total;
                for (var i = 0; i < parts.Length && ok; i++)
                {
                    var exact = (decimal)total * weights[i] / sum;
                    ok = Math.Abs(parts[i] - exact) < 1m;
                }

                return ok;
            });
    }

    [Fact]
    public void ValueOf_HalfMicroTie_RoundsToEven()
    {
        var price = new EnergyPrice(1);

        Assert.Equal(0, price.ValueOf(new EnergyQuantity(500_000)).Micros);
        Assert.Equal(2, price.ValueOf(new EnergyQuantity(1_500_000)).Micros);
        Assert.Equal(-2, price.ValueOf(new EnergyQuantity(-1_500_000)).Micros);
    }

    [Fact]
    public void ValueOf_TypicalMinute_IsExact()
    {
        Assert.True(EnergyPrice.TryParsePerKilowattHour("0.2531", out var price));

        var value = price.ValueOf(EnergyQuantity.FromWattHours(17));

        Assert.Equal(4_303, value.Micros);
    }

    private static bool Throws<TException>(Func<long> action)
        where TException : Exception
    {
        try
        {
            action();
            return false;
        }
        catch (TException)
        {
            return true;
        }
    }
}
