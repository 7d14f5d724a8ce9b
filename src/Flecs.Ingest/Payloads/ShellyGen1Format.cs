using System.Text;
using Flecs.Core.Results;

namespace Flecs.Ingest.Payloads;

/// <summary>
/// Shelly Gen1 energy meters (3EM, EM): one plain-number message per quantity under
/// <c>shellies/&lt;id&gt;/emeter/&lt;i&gt;/</c>. <c>total</c> is the import counter in Wh and <c>total_returned</c>
/// the export counter in Wh; each message carries one of them and no time (the receive time is used). Other
/// quantities (<c>power</c>, <c>voltage</c>, the Watt-minute <c>energy</c> counter, …) are ignored.
/// </summary>
internal sealed class ShellyGen1Format(string topic) : MeterPayloadFormat(topic)
{
    /// <inheritdoc/>
    public override string Name => ShellyGen1;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Subscriptions => [Topic + "/total", Topic + "/total_returned"];

    /// <inheritdoc/>
    private protected override Result<CounterSample?> ParseCore(string topic, ReadOnlyMemory<byte> payload)
    {
        if (!string.Equals(Parent(topic), Topic, StringComparison.Ordinal))
        {
            return UnknownTopic(topic);
        }

        var quantity = LastLevel(topic);
        var isImport = string.Equals(quantity, "total", StringComparison.Ordinal);
        if (!isImport && !string.Equals(quantity, "total_returned", StringComparison.Ordinal))
        {
            return Ignored;
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(payload.Span);
        }
        catch (DecoderFallbackException)
        {
            return Result<CounterSample?>.Fail(IngestErrors.PayloadBadNumber, $"'{quantity}' is not UTF-8 text.");
        }

        var value = EnergyNumber.Parse(text, EnergyNumber.PerWattHour, quantity);
        if (!value.IsSuccess)
        {
            return value.Error;
        }

        return isImport ? new CounterSample(null, value.Value, null) : new CounterSample(null, null, value.Value);
    }
}
