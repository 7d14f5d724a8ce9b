using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Flecs.Contracts.Templates;
using Flecs.Contracts.Values;
using Flecs.Core.Results;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace Flecs.Contracts.Runtime;

/// <summary>
/// One template loaded into its own hardened Jint realm (docs/adr/0005-contract-sandbox.md): strict mode, an exact
/// statement budget, recursion, array and memory limits, invariant culture, UTC, no string compilation,
/// no CLR interop; every global outside <see cref="TemplateAnalyzer.AllowedGlobals"/> deleted; then the
/// whole realm and the template's top-level bindings deep-frozen, so no call can leave anything behind for
/// the next one. Not thread-safe.
/// </summary>
internal sealed class Sandbox
{
    /// <summary>Entries per output list.</summary>
    public const int MaxEntries = 64;

    /// <summary>Characters in a label.</summary>
    public const int MaxLabelLength = 32;

    /// <summary>Bytes of encoded contract state.</summary>
    public const int MaxStateBytes = 16 * 1024;

    private const string FreezerSource = """
        (function () {
          const freeze = Object.freeze, ownKeys = Reflect.ownKeys, describe = Reflect.getOwnPropertyDescriptor, protoOf = Reflect.getPrototypeOf;
          return function (roots) {
            const seen = new Set();
            const stack = [];
            for (let i = 0; i < roots.length; i++) stack.push(roots[i]);
            while (stack.length > 0) {
              const o = stack.pop();
              if (o === null || (typeof o !== "object" && typeof o !== "function") || seen.has(o)) continue;
              seen.add(o);
              freeze(o);
              const keys = ownKeys(o);
              for (let i = 0; i < keys.length; i++) {
                const d = describe(o, keys[i]);
                if ("value" in d) stack.push(d.value); else { stack.push(d.get); stack.push(d.set); }
              }
              stack.push(protoOf(o));
            }
          };
        })()
        """;

    /// <summary>Built-ins whose cost the statement budget does not bound, that compile regular expressions, or that depend on the host's locale data.</summary>
    private const string RemovedBuiltinsSource = """
        (function () {
          const s = String.prototype;
          for (const name of ["match", "matchAll", "search", "repeat", "padStart", "padEnd", "localeCompare", "normalize", "toLocaleLowerCase", "toLocaleUpperCase", "toLocaleString"]) delete s[name];
          for (const name of ["toLocaleString"]) { delete Array.prototype[name]; delete Number.prototype[name]; delete Object.prototype[name]; }
        })()
        """;

    /// <summary>Every intrinsic, including the prototypes only reachable through objects (iterators, errors).</summary>
    private const string IntrinsicsSource = """
        (function () {
          const roots = [];
          for (const k of Reflect.ownKeys(globalThis)) { const d = Reflect.getOwnPropertyDescriptor(globalThis, k); if ("value" in d && d.value !== globalThis) roots.push(d.value); }
          const arrayIterator = Reflect.getPrototypeOf([][Symbol.iterator]());
          roots.push(arrayIterator, Reflect.getPrototypeOf(arrayIterator));
          roots.push(Reflect.getPrototypeOf(new Map().entries()), Reflect.getPrototypeOf(new Set().values()), Reflect.getPrototypeOf(""[Symbol.iterator]()));
          roots.push(Reflect.getPrototypeOf(function* () {}), Reflect.getPrototypeOf(async function () {}), Reflect.getPrototypeOf(async function* () {}));
          roots.push(Reflect.getPrototypeOf(Reflect.getPrototypeOf(function* () {}).prototype));
          return roots;
        })()
        """;

    /// <summary>Math's value properties: non-configurable by the standard, exact, and harmless (the analyzer still refuses them).</summary>
    private static readonly ImmutableArray<string> MathConstants = ["E", "LN10", "LN2", "LOG10E", "LOG2E", "PI", "SQRT1_2", "SQRT2"];

    private static readonly ImmutableArray<string> OutputKeys = ["allocations", "certificates", "payments", "state"];

    private readonly Engine _engine;
    private readonly JsValue _entry;
    private readonly int _statements;

    private Sandbox(Engine engine, JsValue entry, int statements)
    {
        _engine = engine;
        _entry = entry;
        _statements = statements;
    }

    /// <summary>Loads <paramref name="template"/> into a fresh realm.</summary>
    public static Result<Sandbox> Load(Template template, ExecutionLimits limits)
    {
        var engine = new Engine(o =>
        {
            o.Strict = true;
            o.MaxStatements(limits.Statements);
            o.LimitRecursion(limits.RecursionDepth);
            o.LimitMemory(limits.MemoryBytes);
            o.Constraints.MaxArraySize = limits.ArraySize;
            o.Constraints.StackOverflowGuard = true; // native recursion inside built-ins (join/toString on deeply nested arrays) becomes a RangeError, not a process crash
            o.Culture = CultureInfo.InvariantCulture;
            o.TimeZone = TimeZoneInfo.Utc;
            o.Host.StringCompilationAllowed = false;
            o.Interop.Enabled = false;
        });
        try
        {
            var freezer = engine.Evaluate(FreezerSource);
            engine.Execute(RemovedBuiltinsSource);
            Trim(engine.Global.Get("Math").AsObject(), name => TemplateAnalyzer.AllowedMath.Contains(name) || MathConstants.Contains(name, StringComparer.Ordinal));

            // Freeze every intrinsic while all are still reachable (deleted globals' prototypes stay reachable
            // from objects a template can make: iterators, errors), then trim the global object itself.
            var intrinsics = engine.Evaluate(IntrinsicsSource);
            engine.Call(freezer, JsValue.Undefined, [intrinsics]);
            Trim(engine.Global, name => TemplateAnalyzer.AllowedGlobals.Contains(name));
            engine.Global.FastSetProperty("flecs", new Jint.Runtime.Descriptors.PropertyDescriptor(HostFunctions.Create(engine), writable: false, enumerable: false, configurable: false));
            engine.Execute(template.Script, "template.js");
            var roots = engine.Evaluate("[" + string.Join(", ", template.TopLevelNames) + "]");
            engine.Call(freezer, JsValue.Undefined, [new JsArray(engine, [engine.Global, .. roots.AsArray()])]);
            var entry = engine.Evaluate("interval");
            return entry is Jint.Native.Function.Function
                ? new Sandbox(engine, entry, limits.Statements)
                : Result<Sandbox>.Fail(ContractErrors.MissingEntry, "`interval` is not a function.");
        }
        catch (Exception ex) when (ex is JavaScriptException or JintException)
        {
            return Result<Sandbox>.Fail(ContractErrors.ExecutionFault, $"The template does not load: {ex.Message}");
        }
    }

    /// <summary>Runs one interval.</summary>
    public Result<IntervalOutcome> Run(ContractCall call)
    {
        try
        {
            var ctx = Context(call);
            var result = _engine.Call(_entry, JsValue.Undefined, [ctx]);
            return Outcome(call, result);
        }
        catch (StatementsCountOverflowException)
        {
            return Fail(ContractErrors.Budget, $"The execution used its whole budget of {_statements} statements.");
        }
        catch (RecursionDepthOverflowException ex)
        {
            return Fail(ContractErrors.Recursion, $"Calls nested too deep: {ex.Message}");
        }
        catch (MemoryLimitExceededException ex)
        {
            return Fail(ContractErrors.Memory, ex.Message);
        }
        catch (JavaScriptException ex) when (ex.Message.Contains("array length", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("Array size", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("string length", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(ContractErrors.Memory, ex.Message);
        }
        catch (JavaScriptException ex) when (ex.Message.Contains("call stack", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(ContractErrors.Recursion, ex.Message);
        }
        catch (JavaScriptException ex)
        {
            return Fail(ContractErrors.Threw, $"The template threw: {ex.Message}");
        }
        catch (Exception ex) when (ex is JintException or InvalidOperationException or ArgumentException or InsufficientExecutionStackException or OverflowException or RegexMatchTimeoutException)
        {
            return Fail(ContractErrors.ExecutionFault, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private JsObject Context(ContractCall call)
    {
        var e = _engine;
        var input = call.Input;
        var start = DateTimeOffset.FromUnixTimeSeconds(input.Interval.StartUnixSeconds);
        var previous = DateTimeOffset.FromUnixTimeSeconds(input.Interval.StartUnixSeconds - input.Interval.Length.Seconds);
        var next = DateTimeOffset.FromUnixTimeSeconds(input.Interval.EndUnixSeconds);
        var interval = JsBridge.Object(e,
        [
            new("index", JsNumber.Create(input.Interval.Index)),
            new("start", JsNumber.Create(input.Interval.StartUnixSeconds)),
            new("minutes", JsNumber.Create(input.Interval.Length.Minutes)),
            new("minuteOfDay", JsNumber.Create((start.Hour * 60) + start.Minute)),
            new("dayOfWeek", JsNumber.Create(start.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)start.DayOfWeek)),
            new("day", JsNumber.Create(start.Day)),
            new("month", JsNumber.Create(start.Month)),
            new("year", JsNumber.Create(start.Year)),
            new("first", input.Interval.Index == call.TermStart ? JsBoolean.True : JsBoolean.False),
            new("last", input.Interval.Index == call.TermEnd - 1 ? JsBoolean.True : JsBoolean.False),
            new("periodStart", previous.Month != start.Month || input.Interval.Index == call.TermStart ? JsBoolean.True : JsBoolean.False),
            new("periodEnd", next.Month != start.Month || input.Interval.Index == call.TermEnd - 1 ? JsBoolean.True : JsBoolean.False),
        ]);
        var meters = JsBridge.Object(e, input.Meters, m => JsBridge.Object(e,
        [
            new("import", JsNumber.Create(m.Import)),
            new("export", JsNumber.Create(m.Export)),
            new("renewable", m.Renewable ? JsBoolean.True : JsBoolean.False),
        ]));
        var prices = JsBridge.Object(e, input.Prices, p => JsNumber.Create(p));
        var parties = JsBridge.Object(e, call.Parties, p => JsString.Create(p));
        return JsBridge.Object(e,
        [
            new("interval", interval),
            new("params", JsBridge.ToJs(e, call.Parameters)),
            new("parties", parties),
            new("meters", meters),
            new("prices", prices),
            new("state", JsBridge.ToJs(e, call.State)),
        ]);
    }

    private static Result<IntervalOutcome> Outcome(ContractCall call, JsValue result)
    {
        if (result is not ObjectInstance || result.IsArray() || result is Jint.Native.Function.Function)
        {
            return Fail(ContractErrors.InvalidOutput, "interval(ctx) must return an object { allocations?, payments?, certificates?, state? }.");
        }

        // The common shape (plain entries, the state unchanged) is read directly; anything else, valid or not, takes
        // the general conversion below, which gives the same outcome for valid results and the error for invalid ones.
        if (PlainOutcome(call, result) is { } plain)
        {
            return plain;
        }

        var budget = 20_000;
        var converted = JsBridge.FromJs(result, "result", ref budget);
        if (!converted.IsSuccess)
        {
            return converted.Error;
        }

        var value = converted.Value;
        if (value.AsMap.Keys.FirstOrDefault(k => !OutputKeys.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            return Fail(ContractErrors.InvalidOutput, $"result.{unknown} is not a result field ({string.Join(", ", OutputKeys)}).");
        }

        var roles = call.Parties;
        var allocations = ImmutableArray.CreateBuilder<Allocation>();
        var payments = ImmutableArray.CreateBuilder<Payment>();
        var certificates = ImmutableArray.CreateBuilder<CertificateEvent>();
        var checkedAllocations = Entries(value, "allocations", ["from", "to", "energy", "label"], roles, (from, to, amount, label, _) => allocations.Add(new Allocation(from!, to, amount, label ?? "energy")), "energy");
        if (!checkedAllocations.IsSuccess)
        {
            return checkedAllocations.Error;
        }

        var checkedPayments = Entries(value, "payments", ["from", "to", "amount", "label"], roles, (from, to, amount, label, _) => payments.Add(new Payment(from!, to, amount, label ?? "payment")), "amount");
        if (!checkedPayments.IsSuccess)
        {
            return checkedPayments.Error;
        }

        var checkedCertificates = Entries(value, "certificates", ["action", "from", "to", "count"], roles, (from, to, amount, _, action) => certificates.Add(new CertificateEvent(action!, from, to, amount)), "count");
        if (!checkedCertificates.IsSuccess)
        {
            return checkedCertificates.Error;
        }

        if (value["state"] is not { Kind: not ContractValueKind.Null } state)
        {
            // Unchanged: the state passed in was checked when it was produced.
            return new IntervalOutcome(call.Input.Interval.Index, allocations.ToImmutable(), payments.ToImmutable(), certificates.ToImmutable(), call.State);
        }

        if (state.Kind != ContractValueKind.Map)
        {
            return Fail(ContractErrors.InvalidOutput, "result.state must be an object.");
        }

        if (state.Encode().Length > MaxStateBytes)
        {
            return Fail(ContractErrors.InvalidOutput, $"result.state is larger than {MaxStateBytes} bytes encoded.");
        }

        return new IntervalOutcome(call.Input.Interval.Index, allocations.ToImmutable(), payments.ToImmutable(), certificates.ToImmutable(), state);
    }

    /// <summary>
    /// The outcome of a result made only of plain objects and arrays with valid entries and no new state, or null for
    /// anything else (which <see cref="Outcome"/> then converts in full). Never accepts what the full path refuses.
    /// </summary>
    private static IntervalOutcome? PlainOutcome(ContractCall call, JsValue result)
    {
        if (result is not JsObject obj)
        {
            return null;
        }

        var allocations = ImmutableArray.CreateBuilder<Allocation>();
        var payments = ImmutableArray.CreateBuilder<Payment>();
        var certificates = ImmutableArray.CreateBuilder<CertificateEvent>();
        foreach (var (key, descriptor) in obj.GetOwnProperties())
        {
            if (!key.IsString() || !descriptor.Enumerable || !descriptor.IsDataDescriptor())
            {
                return null;
            }

            var value = descriptor.Value;
            var ok = key.AsString() switch
            {
                "allocations" => PlainEntries(value, call.Parties, "energy", (from, to, amount, label, _) => allocations.Add(new Allocation(from!, to, amount, label ?? "energy"))),
                "payments" => PlainEntries(value, call.Parties, "amount", (from, to, amount, label, _) => payments.Add(new Payment(from!, to, amount, label ?? "payment"))),
                "certificates" => PlainEntries(value, call.Parties, "count", (from, to, amount, _, action) => certificates.Add(new CertificateEvent(action!, from, to, amount))),
                "state" => value.IsNull() || value.IsUndefined(),
                _ => false,
            };
            if (!ok)
            {
                return null;
            }
        }

        return new IntervalOutcome(call.Input.Interval.Index, allocations.ToImmutable(), payments.ToImmutable(), certificates.ToImmutable(), call.State);
    }

    /// <summary>Reads one entry list of the plain shape; false when anything is unusual.</summary>
    private static bool PlainEntries(JsValue value, ImmutableSortedDictionary<string, string> roles, string amountKey, Action<string?, string, long, string?, string?> add)
    {
        var isCertificate = string.Equals(amountKey, "count", StringComparison.Ordinal);
        if (value.IsNull() || value.IsUndefined())
        {
            return true;
        }

        if (value is not Jint.Native.JsArray array)
        {
            return false;
        }

        var length = JsBridge.Length(array);
        if (length > MaxEntries)
        {
            return false;
        }

        for (uint i = 0; i < length; i++)
        {
            var own = array.GetOwnProperty(i);
            if (own == Jint.Runtime.Descriptors.PropertyDescriptor.Undefined || !own.IsDataDescriptor() || own.Value is not JsObject entry)
            {
                return false;
            }

            string? from = null, to = null, label = null, action = null;
            long? amount = null;
            var hasFrom = false;
            foreach (var (key, descriptor) in entry.GetOwnProperties())
            {
                if (!key.IsString() || !descriptor.Enumerable || !descriptor.IsDataDescriptor())
                {
                    return false;
                }

                var v = descriptor.Value;
                switch (key.AsString())
                {
                    case "from" when v.IsString():
                        from = v.AsString();
                        hasFrom = true;
                        break;
                    case "to" when v.IsString():
                        to = v.AsString();
                        break;
                    case "label" when !isCertificate && v.IsString() && v.AsString().Length is > 0 and <= MaxLabelLength:
                        label = v.AsString();
                        break;
                    case "action" when isCertificate && v.IsString():
                        action = v.AsString();
                        break;
                    case var name when string.Equals(name, amountKey, StringComparison.Ordinal) && JsBridge.Integer(v) is { } n && n >= 0:
                        amount = n;
                        break;
                    default:
                        return false;
                }
            }

            if (amount is not { } count || to is null || !roles.ContainsKey(to))
            {
                return false;
            }

            var issue = isCertificate && string.Equals(action, "issue", StringComparison.Ordinal);
            if (isCertificate && !issue && !string.Equals(action, "transfer", StringComparison.Ordinal))
            {
                return false;
            }

            if (issue ? hasFrom : from is null || !roles.ContainsKey(from) || string.Equals(from, to, StringComparison.Ordinal))
            {
                return false;
            }

            if (count > 0)
            {
                add(from, to, count, label, action);
            }
        }

        return true;
    }

    private static Result Entries(ContractValue result, string field, string[] keys, ImmutableSortedDictionary<string, string> roles, Action<string?, string, long, string?, string?> add, string amountKey)
    {
        if (result[field] is not { } list || list.Kind == ContractValueKind.Null)
        {
            return Result.Success;
        }

        if (list.Kind != ContractValueKind.List || list.AsList.Length > MaxEntries)
        {
            return Result.Fail(ContractErrors.InvalidOutput, $"result.{field} must be an array of at most {MaxEntries} entries.");
        }

        for (var i = 0; i < list.AsList.Length; i++)
        {
            var entry = list.AsList[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"result.{field}[{i}]");
            if (entry.Kind != ContractValueKind.Map || entry.AsMap.Keys.Any(k => !keys.Contains(k, StringComparer.Ordinal)))
            {
                return Result.Fail(ContractErrors.InvalidOutput, $"{path} must be {{ {string.Join(", ", keys)} }}.");
            }

            var isCertificate = string.Equals(field, "certificates", StringComparison.Ordinal);
            var action = isCertificate ? entry["action"] is { Kind: ContractValueKind.Text } a && a.AsText is "issue" or "transfer" ? a.AsText : null : null;
            if (isCertificate && action is null)
            {
                return Result.Fail(ContractErrors.InvalidOutput, $"{path}.action must be \"issue\" or \"transfer\".");
            }

            var needsFrom = !string.Equals(action, "issue", StringComparison.Ordinal);
            var from = entry["from"] is { Kind: ContractValueKind.Text } f ? f.AsText : null;
            var to = entry["to"] is { Kind: ContractValueKind.Text } t ? t.AsText : null;
            if (to is null || !roles.ContainsKey(to) || (needsFrom && (from is null || !roles.ContainsKey(from) || string.Equals(from, to, StringComparison.Ordinal))) || (!needsFrom && entry["from"] is not null))
            {
                return Result.Fail(ContractErrors.UnknownParty, $"{path}: from/to must be distinct party roles of the contract ({string.Join(", ", roles.Keys)}).");
            }

            if (entry[amountKey] is not { Kind: ContractValueKind.Integer } amount)
            {
                return Result.Fail(ContractErrors.InvalidOutput, $"{path}.{amountKey} must be an integer.");
            }

            if (amount.AsInteger < 0)
            {
                return Result.Fail(ContractErrors.NegativeOutput, $"{path}.{amountKey} is negative ({amount.AsInteger}); swap from and to instead.");
            }

            var label = entry["label"] is { Kind: ContractValueKind.Text } l ? l.AsText : null;
            if (entry["label"] is { } rawLabel && (label is null || label.Length is 0 or > MaxLabelLength))
            {
                return Result.Fail(ContractErrors.InvalidOutput, $"{path}.label must be text of 1–{MaxLabelLength} characters; got {rawLabel}.");
            }

            if (amount.AsInteger > 0)
            {
                add(from, to, amount.AsInteger, label, action);
            }
        }

        return Result.Success;
    }

    private static void Trim(ObjectInstance target, Func<string, bool> keep)
    {
        foreach (var key in target.GetOwnProperties().Select(p => p.Key).ToList())
        {
            if ((!key.IsString() || !keep(key.AsString())) && !target.Delete(key))
            {
                throw new InvalidOperationException($"The sandbox could not remove '{key}'.");
            }
        }
    }

    private static Result<IntervalOutcome> Fail(string code, string message) => Result<IntervalOutcome>.Fail(code, message);
}
