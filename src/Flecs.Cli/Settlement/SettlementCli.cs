using System.CommandLine;
using System.Globalization;
using Flecs.Cli.Output;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Core.Time;
using Flecs.Crypto.Signatures;
using Flecs.Market.Interface;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;
using Flecs.Settlement.Close;
using Flecs.Settlement.Meters;

namespace Flecs.Cli.Settlement;

/// <summary>What the settlement, meter and invoice commands share: sender and key options, times, units and names (docs/cli.md#settlement-meters-and-invoices).</summary>
internal static class SettlementCli
{
    /// <summary>The account of the Main Power Market at the P2G interface (<c>IntervalCloser.MpmAccount</c>, which is internal).</summary>
    public const string MpmAccount = "@mpm";

    /// <summary>The accepted time forms: UTC, to the minute or the second.</summary>
    public static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'"];

    public static Option<string> SenderOption(string? defaultSender)
    {
        var sender = new Option<string>("--sender", "--as") { Description = "The sender (player id) that signs the transaction." };
        if (defaultSender is null)
        {
            sender.Required = true;
        }
        else
        {
            sender.DefaultValueFactory = _ => defaultSender;
        }

        return sender;
    }

    public static Option<string?> KeyOption() => new("--key") { Description = "The sender's secret key file. Default: keys/<sender>.key in the data directory." };

    /// <summary>Parses the sender id and reads its secret key (the file given, else keys/&lt;sender&gt;.key).</summary>
    public static Result<(PlayerId Sender, Ed25519Signer Signer)> Signer(string data, string senderText, string? keyFile)
    {
        if (!PlayerId.TryParse(senderText, out var sender))
        {
            return Result<(PlayerId, Ed25519Signer)>.Fail("cli.usage", $"'{senderText}' is not a valid player id.");
        }

        var key = KeyFile.Read(keyFile ?? new DataDirectory(data).KeyPath(sender));
        return key.IsSuccess ? (sender, key.Value) : key.Error;
    }

    /// <summary>Opens the node, or prints the error; the caller disposes the node.</summary>
    public static EmbeddedNode? Open(string data, bool json, out int exitCode)
    {
        var opened = Shell.OpenNode(data);
        exitCode = opened.IsSuccess ? ExitCodes.Ok : Shell.Fail(opened.Error, json);
        return opened.IsSuccess ? opened.Value : null;
    }

    /// <summary>Parses a UTC time written <c>yyyy-MM-ddTHH:mmZ</c> (or with seconds) into Unix seconds.</summary>
    public static Result<long> Time(string text, string option)
    {
        return DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time.ToUnixTimeSeconds()
            : Result<long>.Fail("cli.usage", $"{option} '{text}' is not a UTC time written yyyy-MM-ddTHH:mmZ, e.g. 2026-01-01T00:00Z.");
    }

    /// <summary>Parses the start of an interval: a time on an interval boundary of the chain.</summary>
    public static Result<long> IntervalStart(string text, string option, IntervalLength length)
    {
        var seconds = Time(text, option);
        if (!seconds.IsSuccess)
        {
            return seconds;
        }

        return seconds.Value % length.Seconds == 0
            ? seconds.Value / length.Seconds
            : Result<long>.Fail("cli.usage", $"{option} {text} is not the start of a {length.Minutes}-minute interval.");
    }

    /// <summary>An interval's start, <c>yyyy-MM-ddTHH:mmZ</c>.</summary>
    public static string StartOf(long interval, IntervalLength length) => At(checked(interval * length.Seconds));

    /// <summary>A Unix time, <c>yyyy-MM-ddTHH:mmZ</c>.</summary>
    public static string At(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    /// <summary>A fixed-point value with exactly six decimals: µ as currency units, mWh as kWh.</summary>
    public static string Six(long value)
    {
        var magnitude = Int128.Abs(value);
        var whole = magnitude / 1_000_000;
        var fraction = (long)(magnitude % 1_000_000);
        return (value < 0 ? "-" : string.Empty) + whole.ToString(CultureInfo.InvariantCulture) + "." + fraction.ToString("D6", CultureInfo.InvariantCulture);
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static readonly IReadOnlyDictionary<string, GridLevel> Levels = new Dictionary<string, GridLevel>(StringComparer.Ordinal)
    {
        ["transmission"] = GridLevel.Transmission,
        ["medium-voltage"] = GridLevel.MediumVoltage,
        ["low-voltage"] = GridLevel.LowVoltage,
    };

    public static readonly IReadOnlyDictionary<string, MeterKind> MeterKinds = new Dictionary<string, MeterKind>(StringComparer.Ordinal)
    {
        ["consumption"] = MeterKind.Consumption,
        ["production"] = MeterKind.Production,
        ["bidirectional"] = MeterKind.Bidirectional,
    };

    public static string LevelName(GridLevel level) => level switch
    {
        GridLevel.Transmission => "transmission",
        GridLevel.MediumVoltage => "medium-voltage",
        GridLevel.LowVoltage => "low-voltage",
        _ => ((int)level).ToString(CultureInfo.InvariantCulture),
    };

    public static string KindName(MeterKind kind) => kind switch
    {
        MeterKind.Consumption => "consumption",
        MeterKind.Production => "production",
        MeterKind.Bidirectional => "bidirectional",
        _ => ((int)kind).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The kebab-case name of a journal line kind (docs/settlement.md#journal).</summary>
    public static string LineKindName(LineKind kind) => kind switch
    {
        LineKind.Metered => "metered",
        LineKind.Contract => "contract",
        LineKind.Spm => "spm",
        LineKind.P2gEnergy => "p2g-energy",
        LineKind.RetailSpread => "retail-spread",
        LineKind.GridFee => "grid-fee",
        LineKind.SpmSurplus => "spm-surplus",
        LineKind.Correction => "correction",
        LineKind.MeteredCorrection => "metered-correction",
        _ => ((int)kind).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>True for a player id or <c>@mpm</c>.</summary>
    public static bool IsAccount(string? text) => string.Equals(text, MpmAccount, StringComparison.Ordinal) || PlayerId.TryParse(text, out _);
}
