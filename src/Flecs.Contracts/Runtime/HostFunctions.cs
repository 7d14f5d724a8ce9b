using System.Globalization;
using Flecs.Core.Units;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace Flecs.Contracts.Runtime;

/// <summary>
/// The <c>flecs</c> object: exact integer arithmetic with the ledger's rounding rule (ADR 0002), so that
/// templates never divide or multiply past 2⁵³ in floating point (docs/contracts/README.md#host-helpers).
/// </summary>
internal static class HostFunctions
{
    /// <summary>Creates the <c>flecs</c> object for <paramref name="engine"/>.</summary>
    public static JsObject Create(Engine engine)
    {
        var flecs = new JsObject(engine);
        Add(engine, flecs, "value", 2, args => new EnergyPrice(Arg(engine, args, 1, "price")).ValueOf(new EnergyQuantity(Arg(engine, args, 0, "energy"))).Micros);
        Add(engine, flecs, "mulDiv", 3, args => Rounding.DivideHalfEven((Int128)Arg(engine, args, 0, "a") * Arg(engine, args, 1, "b"), NonZero(engine, Arg(engine, args, 2, "c"))));
        Add(engine, flecs, "div", 2, args => Rounding.DivideHalfEven(Arg(engine, args, 0, "a"), NonZero(engine, Arg(engine, args, 1, "b"))));
        Add(engine, flecs, "divFloor", 2, args => Rounding.DivideFloor(Arg(engine, args, 0, "a"), NonZero(engine, Arg(engine, args, 1, "b"))));
        Add(engine, flecs, "clamp", 3, args =>
        {
            var (x, lo, hi) = (Arg(engine, args, 0, "x"), Arg(engine, args, 1, "lo"), Arg(engine, args, 2, "hi"));
            return lo > hi ? throw Range(engine, "flecs.clamp: lo > hi.") : Math.Clamp(x, lo, hi);
        });
        AddValue(engine, flecs, "split", 2, args =>
        {
            var total = Arg(engine, args, 0, "total");
            if (args.Length < 2 || !args[1].IsArray() || JsBridge.Length(args[1]) is 0 or > 1024)
            {
                throw Type(engine, "flecs.split(total, weights): weights is an array of 1–1024 non-negative integers.");
            }

            var array = args[1].AsArray();
            var weights = new long[JsBridge.Length(array)];
            for (uint i = 0; i < weights.Length; i++)
            {
                weights[i] = JsBridge.Integer(array.Get(i)) is { } w and >= 0 ? w : throw Type(engine, "flecs.split: weights are non-negative integers.");
            }

            if (weights.All(w => w == 0))
            {
                throw Range(engine, "flecs.split: the weights sum to zero.");
            }

            return new JsArray(engine, [.. Rounding.SplitProRata(total, weights).Select(v => (JsValue)JsNumber.Create(v))]);
        });
        Add(engine, flecs, "tou", 2, args => TouPrice(engine, args));
        return flecs;
    }

    /// <summary>The price of a time-of-use table at an interval: the first window containing the interval's minute of day (and day of week, when it lists days), else the base price.</summary>
    private static long TouPrice(Engine engine, JsValue[] args)
    {
        if (args.Length < 2 || !args[0].IsObject() || !args[1].IsObject())
        {
            throw Type(engine, "flecs.tou(table, ctx.interval).");
        }

        var table = args[0].AsObject();
        var interval = args[1].AsObject();
        var minute = JsBridge.Integer(interval.Get("minuteOfDay")) ?? throw Type(engine, "flecs.tou: the second argument is ctx.interval.");
        var day = JsBridge.Integer(interval.Get("dayOfWeek")) ?? throw Type(engine, "flecs.tou: the second argument is ctx.interval.");
        var windows = table.Get("windows");
        if (windows.IsArray())
        {
            var list = windows.AsArray();
            for (uint i = 0; i < JsBridge.Length(list); i++)
            {
                var w = list.Get(i).AsObject();
                var from = JsBridge.Integer(w.Get("from")) ?? throw Type(engine, "flecs.tou: window.from is an integer.");
                var to = JsBridge.Integer(w.Get("to")) ?? throw Type(engine, "flecs.tou: window.to is an integer.");
                if (minute < from || minute >= to)
                {
                    continue;
                }

                var days = w.Get("days");
                if (days.IsArray() && !Enumerable.Range(0, (int)JsBridge.Length(days)).Any(d => JsBridge.Integer(days.AsArray().Get((uint)d)) == day))
                {
                    continue;
                }

                return JsBridge.Integer(w.Get("price")) ?? throw Type(engine, "flecs.tou: window.price is an integer.");
            }
        }

        return JsBridge.Integer(table.Get("base")) ?? throw Type(engine, "flecs.tou: table.base is an integer price.");
    }

    private static void Add(Engine engine, JsObject target, string name, int length, Func<JsValue[], long> body) =>
        AddValue(engine, target, name, length, args =>
        {
            var result = body(args);
            return Math.Abs(result) <= Values.ContractValue.MaxSafeInteger ? JsNumber.Create(result) : throw Range(engine, $"flecs.{name}: the result {result.ToString(CultureInfo.InvariantCulture)} is outside the safe integer range.");
        });

    private static void AddValue(Engine engine, JsObject target, string name, int length, Func<JsValue[], JsValue> body)
    {
        var function = new ClrFunction(engine, name, (_, args) =>
        {
            try
            {
                return body(args);
            }
            catch (OverflowException)
            {
                throw Range(engine, $"flecs.{name}: overflow.");
            }
        }, length, PropertyFlag.Configurable);
        target.FastSetProperty(name, new PropertyDescriptor(function, writable: false, enumerable: true, configurable: false));
    }

    private static long Arg(Engine engine, JsValue[] args, int index, string name) =>
        index < args.Length && JsBridge.Integer(args[index]) is { } v ? v : throw Type(engine, $"The argument '{name}' must be a safe integer.");

    private static long NonZero(Engine engine, long value) => value != 0 ? value : throw Range(engine, "Division by zero.");

    private static JavaScriptException Type(Engine engine, string message) => new(engine.Intrinsics.TypeError, message);

    private static JavaScriptException Range(Engine engine, string message) => new(engine.Intrinsics.Error, message);
}
