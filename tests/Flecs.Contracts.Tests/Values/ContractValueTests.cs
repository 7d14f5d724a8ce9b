using CsCheck;
using Flecs.Contracts.Values;

namespace Flecs.Contracts.Tests.Values;

public sealed class ContractValueTests
{
    [Theory]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("9007199254740992")]
    [InlineData("{ \"a\": [1, 2.0] }")]
    public void ParseJson_NonIntegerNumber_RejectedAsNotInteger(string json)
    {
        var parsed = ContractValue.ParseJson(json);

        Assert.False(parsed.IsSuccess);
        Assert.Equal(ContractErrors.NotInteger, parsed.Error.Code);
    }

    [Fact]
    public void ParseJson_DuplicateKey_Rejected()
    {
        var parsed = ContractValue.ParseJson("""{ "a": 1, "a": 2 }""");

        Assert.False(parsed.IsSuccess);
        Assert.Equal(ContractErrors.InvalidValue, parsed.Error.Code);
    }

    [Fact]
    public void EncodeDecode_AnyValue_RoundTripsCanonically()
    {
        var scalar = Gen.OneOf(
            Gen.Long[-ContractValue.MaxSafeInteger, ContractValue.MaxSafeInteger].Select(ContractValue.Integer),
            Gen.Bool.Select(ContractValue.Bool),
            Gen.String[Gen.Char.AlphaNumeric, 0, 12].Select(ContractValue.Text),
            Gen.Const(ContractValue.Null));
        var value = Gen.Recursive<ContractValue>((depth, inner) => depth >= 3
            ? scalar
            : Gen.OneOf(scalar, inner.List[0, 4].Select(ContractValue.List), Gen.Dictionary(Gen.String[Gen.Char.AlphaNumeric, 1, 6], inner)[0, 4].Select(d => ContractValue.Map(d))));

        value.Sample(v =>
        {
            var bytes = v.Encode();
            var decoded = ContractValue.Decode(bytes);
            Assert.True(decoded.IsSuccess);
            Assert.Equal(v, decoded.Value);
            Assert.Equal(bytes, decoded.Value.Encode());
            Assert.Equal(v, ContractValue.ParseJson(v.ToJson()).Value);
        });
    }

    [Theory]
    [InlineData("00:00Z")]
    [InlineData("Jan 1 2026")]
    [InlineData("2026-01-01")]
    public void SeriesInput_StartNotInTheExactForm_Rejected(string start)
    {
        // A lenient parse would fill the missing parts from today's date: replaying the chain another day would differ.
        var series = Flecs.Contracts.Runtime.SeriesInput.FromValue(ContractValue.ParseJson($$"""{ "start": "{{start}}", "minutes": 15, "count": 1 }""").Value);

        Assert.False(series.IsSuccess);
        Assert.Equal(ContractErrors.InvalidInput, series.Error.Code);
    }

    [Fact]
    public void Codes_ArePinned()
    {
        Assert.Equal(
            [
                "contract.value.invalid", "contract.value.not-integer", "contract.template.syntax", "contract.template.forbidden", "contract.template.meta",
                "contract.template.entry", "contract.template.too-large", "contract.template.dry-run", "contract.template.unknown", "contract.template.not-certified",
                "contract.template.already-certified", "contract.exec.budget", "contract.exec.recursion", "contract.exec.memory", "contract.exec.threw",
                "contract.exec.fault", "contract.output.invalid", "contract.output.not-integer", "contract.output.unknown-party", "contract.output.negative",
                "contract.params.invalid", "contract.parties.invalid", "contract.input.invalid", "contract.term.invalid", "contract.unknown", "contract.not-party",
                "contract.not-permitted", "contract.proposal.mismatch", "contract.proposal.already-accepted", "contract.proposal.none", "contract.not-live",
                "contract.effective-in-past", "contract.interval.out-of-order", "contract.interval.outside-term", "contract.certificates.insufficient",
            ],
            ContractErrors.All);
    }
}
