namespace Flecs.Import;

/// <summary>The stable codes of every error the meter data importers report.</summary>
/// <remarks>
/// Every message names where the problem is: <c>line N, column 'x'</c> for CSV, <c>line N</c> for Green
/// Button XML and DSMR telegrams, <c>segment N ('…')</c> for MSCONS (segments counted from 1, the
/// <c>UNA</c> service string advice included), and <c>snapshot N</c> (from 1, in the list given) for
/// building a series from DSMR snapshots. A code, once published, never changes meaning. Lenient parses
/// report what they skip as an <see cref="ImportWarning"/> carrying the code of the error a strict parse gives.
/// </remarks>
public static class ImportErrors
{
    /// <summary>The format value is not one of <see cref="ImportFormat"/>.</summary>
    public const string UnsupportedFormat = "import.unsupported-format";

    /// <summary>CSV: the text has no header row.</summary>
    public const string CsvEmpty = "import.csv.empty";

    /// <summary>CSV: the header lacks a required column or names one twice.</summary>
    public const string CsvBadHeader = "import.csv.bad-header";

    /// <summary>CSV: a row has a different number of fields than the header.</summary>
    public const string CsvBadRow = "import.csv.bad-row";

    /// <summary>CSV: a quoted field is not closed, or a quote appears inside an unquoted field or after a closing quote.</summary>
    public const string CsvBadQuote = "import.csv.bad-quote";

    /// <summary>CSV: the meter cell is empty.</summary>
    public const string CsvBadMeter = "import.csv.bad-meter";

    /// <summary>CSV: the start cell is not an ISO 8601 time with an explicit offset in one of the accepted formats.</summary>
    public const string CsvBadStart = "import.csv.bad-start";

    /// <summary>CSV: the minutes cell is not a positive whole number.</summary>
    public const string CsvBadMinutes = "import.csv.bad-minutes";

    /// <summary>CSV: an energy cell is not a non-negative decimal with a point, or is too large.</summary>
    public const string CsvBadValue = "import.csv.bad-value";

    /// <summary>CSV: an energy cell has more than six decimals of kWh that are not zero (finer than 1 mWh).</summary>
    public const string CsvInexactValue = "import.csv.inexact-value";

    /// <summary>CSV: two rows of one meter cover the same time.</summary>
    public const string CsvOverlap = "import.csv.overlap";

    /// <summary>CSV: a series cannot be written because an interval is not a whole number of minutes.</summary>
    public const string CsvUnrepresentable = "import.csv.unrepresentable";

    /// <summary>Green Button: the text is not well-formed XML (or has a DTD).</summary>
    public const string GreenButtonBadXml = "import.greenbutton.bad-xml";

    /// <summary>Green Button: the document is not an Atom feed, or an entry is missing its ID or self link, or repeats one.</summary>
    public const string GreenButtonBadStructure = "import.greenbutton.bad-structure";

    /// <summary>Green Button: a required element (value, timePeriod, start, duration, uom, flowDirection) is missing.</summary>
    public const string GreenButtonMissingElement = "import.greenbutton.missing-element";

    /// <summary>Green Button: a number is malformed or out of range (negative energy, non-positive duration, time outside years 1–9999).</summary>
    public const string GreenButtonBadValue = "import.greenbutton.bad-value";

    /// <summary>Green Button: a value scaled by its powerOfTenMultiplier is finer than 1 mWh.</summary>
    public const string GreenButtonInexactValue = "import.greenbutton.inexact-value";

    /// <summary>Green Button: a ReadingType is not interval energy in Wh with flow direction 1 (forward) or 19 (reverse).</summary>
    public const string GreenButtonUnsupportedReadingType = "import.greenbutton.unsupported-reading-type";

    /// <summary>Green Button: an IntervalBlock's MeterReading, its UsagePoint or its ReadingType cannot be found from the Atom links.</summary>
    public const string GreenButtonUnresolvedLink = "import.greenbutton.unresolved-link";

    /// <summary>Green Button: two readings of one usage point and direction cover the same time.</summary>
    public const string GreenButtonOverlap = "import.greenbutton.overlap";

    /// <summary>MSCONS: the service string advice, a release character or a segment terminator is wrong.</summary>
    public const string MsconsBadSyntax = "import.mscons.bad-syntax";

    /// <summary>MSCONS: a segment has a bad tag or lacks a required element.</summary>
    public const string MsconsBadSegment = "import.mscons.bad-segment";

    /// <summary>MSCONS: the message type in UNH is not MSCONS.</summary>
    public const string MsconsNotMscons = "import.mscons.not-mscons";

    /// <summary>MSCONS: segments are out of order (no UNH/UNT, a QTY before LOC+172 and PIA, a repeated DTM).</summary>
    public const string MsconsBadStructure = "import.mscons.bad-structure";

    /// <summary>MSCONS: UNT's segment count or reference does not match the message.</summary>
    public const string MsconsBadCount = "import.mscons.bad-count";

    /// <summary>MSCONS: a PIA OBIS code is neither 1.x.x (import) nor 2.x.x (export).</summary>
    public const string MsconsUnsupportedObis = "import.mscons.unsupported-obis";

    /// <summary>MSCONS: a QTY value is not a non-negative decimal or is too large.</summary>
    public const string MsconsBadValue = "import.mscons.bad-value";

    /// <summary>MSCONS: a QTY value is finer than 1 mWh.</summary>
    public const string MsconsInexactValue = "import.mscons.inexact-value";

    /// <summary>MSCONS: a QTY unit is not KWH, MWH or WH (WHR).</summary>
    public const string MsconsBadUnit = "import.mscons.bad-unit";

    /// <summary>MSCONS: a DTM+163/164 is not a valid format-303 time (CCYYMMDDHHMM and a ±HH offset).</summary>
    public const string MsconsBadDate = "import.mscons.bad-date";

    /// <summary>MSCONS: a QTY has no DTM+163 start or no DTM+164 end.</summary>
    public const string MsconsMissingPeriod = "import.mscons.missing-period";

    /// <summary>MSCONS: a QTY's end is not after its start.</summary>
    public const string MsconsBadPeriod = "import.mscons.bad-period";

    /// <summary>MSCONS: two QTYs of one metering point and direction cover the same time.</summary>
    public const string MsconsOverlap = "import.mscons.overlap";

    /// <summary>DSMR: there is no telegram header line (starting with '/').</summary>
    public const string DsmrMissingHeader = "import.dsmr.missing-header";

    /// <summary>DSMR: a telegram has no end line (starting with '!') before the text ends or the next telegram starts.</summary>
    public const string DsmrMissingEnd = "import.dsmr.missing-end";

    /// <summary>DSMR: the end line carries something other than nothing or four hexadecimal digits.</summary>
    public const string DsmrBadEndLine = "import.dsmr.bad-end-line";

    /// <summary>DSMR: the CRC-16 in the end line does not match the telegram's bytes.</summary>
    public const string DsmrBadCrc = "import.dsmr.bad-crc";

    /// <summary>DSMR: non-blank text outside a telegram (or a second telegram where one was expected); a lenient parse skips the text with this code as a warning.</summary>
    public const string DsmrTextOutsideTelegram = "import.dsmr.text-outside-telegram";

    /// <summary>DSMR: a data line is not an OBIS code followed by parenthesized values.</summary>
    public const string DsmrBadLine = "import.dsmr.bad-line";

    /// <summary>DSMR: a register or identifier the importer uses appears twice in one telegram.</summary>
    public const string DsmrDuplicateRegister = "import.dsmr.duplicate-register";

    /// <summary>DSMR: the 0-0:1.0.0 timestamp is not YYMMDDhhmmss followed by W or S (or a snapshot's timestamp is outside years 1–9999).</summary>
    public const string DsmrBadTimestamp = "import.dsmr.bad-timestamp";

    /// <summary>DSMR: a snapshot given to build a series has no timestamp (its telegram had no 0-0:1.0.0 and no reception time was given).</summary>
    public const string DsmrMissingTimestamp = "import.dsmr.missing-timestamp";

    /// <summary>DSMR: the telegram has no (or an empty) equipment identifier.</summary>
    public const string DsmrMissingMeterId = "import.dsmr.missing-meter-id";

    /// <summary>DSMR: the telegram has no import energy register (1-0:1.8.0 or 1-0:1.8.1…9).</summary>
    public const string DsmrMissingRegister = "import.dsmr.missing-register";

    /// <summary>DSMR: a register value is not a non-negative decimal or is too large.</summary>
    public const string DsmrBadValue = "import.dsmr.bad-value";

    /// <summary>DSMR: a register's unit is not kWh or Wh.</summary>
    public const string DsmrBadUnit = "import.dsmr.bad-unit";

    /// <summary>DSMR: a register value is finer than 1 µWh (more than nine decimals of kWh or six of Wh).</summary>
    public const string DsmrInexactValue = "import.dsmr.inexact-value";

    /// <summary>DSMR: no snapshots were given to build a series from.</summary>
    public const string DsmrNoSnapshots = "import.dsmr.no-snapshots";

    /// <summary>DSMR: the snapshots given to build one series belong to different meters.</summary>
    public const string DsmrMixedMeters = "import.dsmr.mixed-meters";

    /// <summary>DSMR: two snapshots of one meter have the same timestamp.</summary>
    public const string DsmrDuplicateTimestamp = "import.dsmr.duplicate-timestamp";

    /// <summary>DSMR: a cumulative register is lower than at the previous snapshot.</summary>
    public const string DsmrRegisterDecreased = "import.dsmr.register-decreased";

    /// <summary>Rebinning: the chain interval length is not 1, 5, 15 or 60 minutes.</summary>
    public const string RebinBadIntervalLength = "import.rebin.bad-interval-length";

    /// <summary>Rebinning: a source interval neither fits inside one chain interval nor starts and ends on chain-interval boundaries.</summary>
    public const string RebinMisaligned = "import.rebin.misaligned";

    /// <summary>Rebinning: the series has a non-positive duration, a negative energy, or intervals out of order or overlapping.</summary>
    public const string RebinInvalidSeries = "import.rebin.invalid-series";

    /// <summary>Rebinning: a chain interval's total exceeds the range of a 64-bit mWh count.</summary>
    public const string RebinOverflow = "import.rebin.overflow";
}
