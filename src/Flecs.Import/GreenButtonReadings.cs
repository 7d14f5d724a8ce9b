using System.Collections.Immutable;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Flecs.Core.Results;

namespace Flecs.Import;

/// <summary>Reads interval energy from a NAESB ESPI (Green Button) Atom feed.</summary>
/// <remarks>
/// <para>
/// The feed's entries are tied together by their Atom links, as ESPI defines them: an IntervalBlock's
/// <c>up</c> link is its MeterReading's <c>self</c> link plus <c>/IntervalBlock</c>; a MeterReading's
/// <c>up</c> link is its UsagePoint's <c>self</c> link plus <c>/MeterReading</c>, and one of its
/// <c>related</c> links is its ReadingType's <c>self</c> link. Links are compared exactly.
/// </para>
/// <para>
/// The meter ID is the UsagePoint entry's Atom <c>id</c> (for example <c>urn:uuid:…</c>). UsagePoints
/// whose ServiceCategory kind is not 0 (electricity) are skipped with their readings; every electricity
/// UsagePoint gets a series, empty if it has no readings.
/// </para>
/// <para>
/// A ReadingType must have uom 72 (Wh), accumulationBehaviour 4 (deltaData) or none, and flowDirection 1
/// (forward: delivered to the customer, import) or 19 (reverse: export). Values are Wh × 10^powerOfTenMultiplier
/// (0 when absent) and are converted to mWh exactly; a value finer than 1 mWh is an error. Each
/// IntervalReading's timePeriod start (Unix seconds, UTC) and duration give the interval, so
/// LocalTimeParameters are not needed. Readings of the forward and reverse MeterReadings of one
/// UsagePoint with the same start and duration form one interval; a direction without a reading is 0.
/// </para>
/// <para>DTDs are refused. Errors name the XML line.</para>
/// </remarks>
public static class GreenButtonReadings
{
    private const int WattHoursUom = 72;
    private const int DeltaDataAccumulation = 4;
    private const int ForwardFlow = 1;
    private const int ReverseFlow = 19;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Espi = "http://naesb.org/espi";

    /// <summary>Parses a Green Button feed into one series per electricity UsagePoint.</summary>
    /// <param name="xml">The whole XML document.</param>
    /// <returns>The series, in ordinal order of meter ID; or the first error, naming its XML line.</returns>
    public static Result<ImmutableArray<ImportedSeries>> Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        XDocument document;
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using (var text = new StringReader(xml))
        using (var reader = XmlReader.Create(text, settings))
        {
            try
            {
                document = XDocument.Load(reader, LoadOptions.SetLineInfo);
            }
            catch (XmlException exception)
            {
                // The refusal of a DTD carries no position, so the DOCTYPE is located directly.
                var doctype = xml.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
                var line = exception.LineNumber > 0 ? exception.LineNumber
                    : doctype >= 0 ? xml.AsSpan(0, doctype).Count('\n') + 1
                    : 1;
                return Fail(ImportErrors.GreenButtonBadXml, line, exception.Message);
            }
        }

        var feed = document.Root!;
        if (feed.Name != Atom + "feed")
        {
            return Fail(ImportErrors.GreenButtonBadStructure, feed, Invariant($"the root element is <{feed.Name.LocalName}>, not an Atom <feed>."));
        }

        var usagePoints = new Dictionary<string, UsagePoint>(StringComparer.Ordinal);
        var meterReadings = new Dictionary<string, FeedEntry>(StringComparer.Ordinal);
        var readingTypes = new Dictionary<string, FeedEntry>(StringComparer.Ordinal);
        var intervalBlocks = new List<FeedEntry>();
        foreach (var element in feed.Elements(Atom + "entry"))
        {
            var resource = element.Element(Atom + "content")?.Elements().FirstOrDefault(e => e.Name.Namespace == Espi);
            if (resource is null)
            {
                continue;
            }

            var entry = new FeedEntry(element, resource, Link(element, "self"), Link(element, "up"), element.Elements(Atom + "link").Where(l => IsRel(l, "related")).Select(l => (string?)l.Attribute("href") ?? string.Empty).ToArray());
            var error = resource.Name.LocalName switch
            {
                "UsagePoint" => AddUsagePoint(entry, usagePoints),
                "MeterReading" => AddBySelf(entry, meterReadings),
                "ReadingType" => AddBySelf(entry, readingTypes),
                "IntervalBlock" => AddIntervalBlock(entry, intervalBlocks),
                _ => null,
            };
            if (error is not null)
            {
                return Result<ImmutableArray<ImportedSeries>>.Fail(error);
            }
        }

        var assembler = new SeriesAssembler(ImportErrors.GreenButtonOverlap);
        foreach (var usagePoint in usagePoints.Values.Where(u => u.IsElectricity))
        {
            assembler.AddMeter(usagePoint.MeterId);
        }

        var parsedTypes = new Dictionary<FeedEntry, ReadingKind>();
        foreach (var block in intervalBlocks)
        {
            var resolved = Resolve(block, meterReadings, usagePoints, readingTypes);
            if (!resolved.TryGetValue(out var owner))
            {
                return Result<ImmutableArray<ImportedSeries>>.Fail(resolved.Error!);
            }

            if (!owner.UsagePoint.IsElectricity)
            {
                continue;
            }

            if (!parsedTypes.TryGetValue(owner.ReadingType, out var kind))
            {
                var parsed = ParseReadingType(owner.ReadingType.Resource);
                if (!parsed.TryGetValue(out kind))
                {
                    return Result<ImmutableArray<ImportedSeries>>.Fail(parsed.Error!);
                }

                parsedTypes.Add(owner.ReadingType, kind);
            }

            foreach (var reading in block.Resource.Elements(Espi + "IntervalReading"))
            {
                var error = AddReading(reading, owner.UsagePoint.MeterId, kind, assembler);
                if (error is not null)
                {
                    return Result<ImmutableArray<ImportedSeries>>.Fail(error);
                }
            }
        }

        return assembler.Build();
    }

    private static Error? AddUsagePoint(FeedEntry entry, Dictionary<string, UsagePoint> usagePoints)
    {
        var id = entry.Element.Element(Atom + "id")?.Value.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return Error(ImportErrors.GreenButtonBadStructure, entry.Element, "the UsagePoint entry has no Atom <id>, which is its meter ID.");
        }

        var kind = entry.Resource.Element(Espi + "ServiceCategory")?.Element(Espi + "kind")?.Value.Trim();
        var usagePoint = new UsagePoint(id, kind is null || string.Equals(kind, "0", StringComparison.Ordinal));
        if (entry.Self is null)
        {
            return Error(ImportErrors.GreenButtonBadStructure, entry.Element, "the UsagePoint entry has no 'self' link.");
        }

        return usagePoints.TryAdd(entry.Self, usagePoint)
            ? null
            : Error(ImportErrors.GreenButtonBadStructure, entry.Element, Invariant($"a second entry has the 'self' link '{entry.Self}'."));
    }

    private static Error? AddBySelf(FeedEntry entry, Dictionary<string, FeedEntry> entries)
    {
        if (entry.Self is null)
        {
            return Error(ImportErrors.GreenButtonBadStructure, entry.Element, Invariant($"the {entry.Resource.Name.LocalName} entry has no 'self' link."));
        }

        return entries.TryAdd(entry.Self, entry)
            ? null
            : Error(ImportErrors.GreenButtonBadStructure, entry.Element, Invariant($"a second entry has the 'self' link '{entry.Self}'."));
    }

    private static Error? AddIntervalBlock(FeedEntry entry, List<FeedEntry> blocks)
    {
        if (entry.Up is null)
        {
            return Error(ImportErrors.GreenButtonUnresolvedLink, entry.Element, "the IntervalBlock entry has no 'up' link to its MeterReading.");
        }

        blocks.Add(entry);
        return null;
    }

    private static Result<BlockOwner> Resolve(FeedEntry block, Dictionary<string, FeedEntry> meterReadings, Dictionary<string, UsagePoint> usagePoints, Dictionary<string, FeedEntry> readingTypes)
    {
        const string BlockSuffix = "/IntervalBlock";
        const string ReadingSuffix = "/MeterReading";
        var up = block.Up!;
        if (!up.EndsWith(BlockSuffix, StringComparison.Ordinal) || !meterReadings.TryGetValue(up[..^BlockSuffix.Length], out var meterReading))
        {
            return Error(ImportErrors.GreenButtonUnresolvedLink, block.Element, Invariant($"the IntervalBlock's 'up' link '{up}' is no MeterReading's 'self' link followed by {BlockSuffix}."));
        }

        var readingUp = meterReading.Up;
        if (readingUp is null || !readingUp.EndsWith(ReadingSuffix, StringComparison.Ordinal) || !usagePoints.TryGetValue(readingUp[..^ReadingSuffix.Length], out var usagePoint))
        {
            return Error(ImportErrors.GreenButtonUnresolvedLink, meterReading.Element, Invariant($"the MeterReading's 'up' link '{readingUp}' is no UsagePoint's 'self' link followed by {ReadingSuffix}."));
        }

        var types = meterReading.Related.Where(readingTypes.ContainsKey).Distinct(StringComparer.Ordinal).ToArray();
        if (types.Length != 1)
        {
            return Error(ImportErrors.GreenButtonUnresolvedLink, meterReading.Element, Invariant($"the MeterReading has {types.Length} 'related' links to ReadingType entries; exactly one is needed."));
        }

        return new BlockOwner(usagePoint, readingTypes[types[0]]);
    }

    private static Result<ReadingKind> ParseReadingType(XElement readingType)
    {
        var uom = ReadInteger(readingType, "uom", required: true);
        if (!uom.TryGetValue(out var uomValue))
        {
            return uom.Error!;
        }

        if (uomValue != WattHoursUom)
        {
            return Error(ImportErrors.GreenButtonUnsupportedReadingType, readingType, Invariant($"the ReadingType's uom is {uomValue}; only {WattHoursUom} (Wh) is energy."));
        }

        var accumulation = ReadInteger(readingType, "accumulationBehaviour", required: false);
        if (!accumulation.TryGetValue(out var accumulationValue))
        {
            return accumulation.Error!;
        }

        if (accumulationValue is not null and not DeltaDataAccumulation)
        {
            return Error(ImportErrors.GreenButtonUnsupportedReadingType, readingType, Invariant($"the ReadingType's accumulationBehaviour is {accumulationValue}; only {DeltaDataAccumulation} (deltaData: energy per interval) is supported."));
        }

        var flow = ReadInteger(readingType, "flowDirection", required: true);
        if (!flow.TryGetValue(out var flowValue))
        {
            return flow.Error!;
        }

        if (flowValue is not ForwardFlow and not ReverseFlow)
        {
            return Error(ImportErrors.GreenButtonUnsupportedReadingType, readingType, Invariant($"the ReadingType's flowDirection is {flowValue}; only {ForwardFlow} (forward, import) and {ReverseFlow} (reverse, export) are supported."));
        }

        var power = ReadInteger(readingType, "powerOfTenMultiplier", required: false);
        if (!power.TryGetValue(out var powerValue))
        {
            return power.Error!;
        }

        // Wh × 10^p = mWh × 10^(p + 3); beyond ±18 no long value survives the scaling.
        var exponent = (powerValue ?? 0) + 3;
        if (exponent is < -18 or > 18)
        {
            return Error(ImportErrors.GreenButtonBadValue, readingType, Invariant($"the ReadingType's powerOfTenMultiplier {powerValue} is out of range."));
        }

        return new ReadingKind(flowValue == ForwardFlow, (int)exponent);
    }

    private static Error? AddReading(XElement reading, string meterId, ReadingKind kind, SeriesAssembler assembler)
    {
        var timePeriod = reading.Element(Espi + "timePeriod");
        if (timePeriod is null)
        {
            return Error(ImportErrors.GreenButtonMissingElement, reading, "the IntervalReading has no <timePeriod>.");
        }

        var start = ReadInteger(timePeriod, "start", required: true);
        if (!start.TryGetValue(out var startValue))
        {
            return start.Error;
        }

        var duration = ReadInteger(timePeriod, "duration", required: true);
        if (!duration.TryGetValue(out var durationValue))
        {
            return duration.Error;
        }

        var startSeconds = startValue!.Value;
        var durationSeconds = durationValue!.Value;
        if (durationSeconds <= 0 || !UnixTime.IsInRange(startSeconds, durationSeconds))
        {
            return Error(ImportErrors.GreenButtonBadValue, timePeriod, Invariant($"the timePeriod (start {startSeconds}, duration {durationSeconds}) needs a positive duration and must lie within years 1–9999."));
        }

        var value = ReadInteger(reading, "value", required: true);
        if (!value.TryGetValue(out var valueValue))
        {
            return value.Error;
        }

        var raw = valueValue!.Value;
        if (raw < 0)
        {
            return Error(ImportErrors.GreenButtonBadValue, reading.Element(Espi + "value")!, Invariant($"the value {raw} is negative; a forward or reverse reading is never negative."));
        }

        var converted = ToMilliwattHours(raw, kind.MilliwattHourExponent, out var milliwattHours);
        if (converted is not null)
        {
            return Error(converted, reading.Element(Espi + "value")!, Invariant($"the value {raw} × 10^{kind.MilliwattHourExponent - 3} Wh is {(string.Equals(converted, ImportErrors.GreenButtonInexactValue, StringComparison.Ordinal) ? "finer than 1 mWh; values are never rounded" : "too large")}."));
        }

        var line = Invariant($"line {LineOf(reading)}");
        return kind.IsImport
            ? assembler.Add(meterId, startSeconds, durationSeconds, milliwattHours, null, line)
            : assembler.Add(meterId, startSeconds, durationSeconds, null, milliwattHours, line);
    }

    private static string? ToMilliwattHours(long value, int exponent, out long milliwattHours)
    {
        milliwattHours = 0;
        var scale = 1L;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            scale *= 10;
        }

        if (exponent < 0)
        {
            if (value % scale != 0)
            {
                return ImportErrors.GreenButtonInexactValue;
            }

            milliwattHours = value / scale;
            return null;
        }

        if (value > long.MaxValue / scale)
        {
            return ImportErrors.GreenButtonBadValue;
        }

        milliwattHours = value * scale;
        return null;
    }

    private static Result<long?> ReadInteger(XElement parent, string name, bool required)
    {
        var element = parent.Element(Espi + name);
        if (element is null)
        {
            return required
                ? Error(ImportErrors.GreenButtonMissingElement, parent, Invariant($"<{parent.Name.LocalName}> has no <{name}>."))
                : Result<long?>.Ok(null);
        }

        var text = element.Value.Trim();
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? Result<long?>.Ok(value)
            : Error(ImportErrors.GreenButtonBadValue, element, Invariant($"<{name}> '{text}' is not a whole number."));
    }

    private static string? Link(XElement entry, string rel) =>
        (string?)entry.Elements(Atom + "link").FirstOrDefault(l => IsRel(l, rel))?.Attribute("href");

    private static bool IsRel(XElement link, string rel) => string.Equals((string?)link.Attribute("rel"), rel, StringComparison.Ordinal);

    private static int LineOf(XObject node) => ((IXmlLineInfo)node).LineNumber;

    private static Error Error(string code, XObject node, string message) => new(code, Invariant($"line {LineOf(node)}: {message}"));

    private static Result<ImmutableArray<ImportedSeries>> Fail(string code, XObject node, string message) => Result<ImmutableArray<ImportedSeries>>.Fail(Error(code, node, message));

    private static Result<ImmutableArray<ImportedSeries>> Fail(string code, int line, string message) => Result<ImmutableArray<ImportedSeries>>.Fail(code, Invariant($"line {line}: {message}"));

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private sealed record FeedEntry(XElement Element, XElement Resource, string? Self, string? Up, string[] Related);

    private sealed record UsagePoint(string MeterId, bool IsElectricity);

    private sealed record BlockOwner(UsagePoint UsagePoint, FeedEntry ReadingType);

    private readonly record struct ReadingKind(bool IsImport, int MilliwattHourExponent);
}
