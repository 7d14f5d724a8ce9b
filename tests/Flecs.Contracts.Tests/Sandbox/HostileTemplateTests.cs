using Flecs.Contracts.Runtime;
using Flecs.Contracts.Templates;

namespace Flecs.Contracts.Tests.Sandbox;

/// <summary>Hostile templates are refused at certification (static analysis) or stopped by the sandbox with a coded error.</summary>
public sealed class HostileTemplateTests
{
    public static TheoryData<string, string> RefusedAtCertification => new()
    {
        { "Date", Templates.WithBody("return { state: { t: Date.now() } };") },
        { "new Date", Templates.WithBody("const d = new Date(); return {};") },
        { "Math.random", Templates.WithBody("return { state: { r: Math.random() } };") },
        { "Math['random']", Templates.WithBody("return { state: { r: Math['random']() } };") },
        { "eval", Templates.WithBody("return eval('({})');") },
        { "Function", Templates.WithBody("return Function('return {}')();") },
        { "constructor escape", Templates.WithBody("const F = (() => 1).constructor; return F('return {}')();") },
        { "globalThis", Templates.WithBody("return globalThis.x;") },
        { "host object", Templates.WithBody("return System.IO.File.ReadAllText('/etc/passwd');") },
        { "undefined global", Templates.WithBody("return { state: { x: someHostThing } };") },
        { "importNamespace", Templates.WithBody("const io = importNamespace('System.IO'); return {};") },
        { "JSON", Templates.WithBody("return JSON.parse('{}');") },
        { "Reflect", Templates.WithBody("return Reflect.ownKeys({});") },
        { "Promise", Templates.WithBody("Promise.resolve(1); return {};") },
        { "async", Templates.Meta + "\nexport async function interval(ctx) { return {}; }" },
        { "generator", Templates.Meta + "\nexport function* interval(ctx) { yield {}; }" },
        { "import", "import x from 'fs';\n" + Templates.WithBody("return {};") },
        { "regex", Templates.WithBody("return { state: { m: /a+/.test('aa') } };") },
        { "module-level let", Templates.WithBody("counter++; return {};", "let counter = 0;") },
        { "module-level call", Templates.WithBody("return {};", "const x = Math.max(1, 2);") },
        { "reassign top-level", Templates.WithBody("helper = null; return {};", "function helper() { return 1; }") },
        { "class", Templates.WithBody("class A {} return {};") },
        { "getter", Templates.WithBody("return { get state() { return {}; } };") },
        { "BigInt literal", Templates.WithBody("return { state: { x: Number(10n) } };") },
        { "BigInt global", Templates.WithBody("return { state: { x: Number(BigInt(10)) } };") },
        { "exponent", Templates.WithBody("return { state: { x: 2 ** 10 } };") },
        { "__proto__", Templates.WithBody("const o = {}; o.__proto__.x = 1; return {};") },
        { "arguments", Templates.WithBody("return arguments[0];") },
        { "string repeat", Templates.WithBody("const s = 'x'.repeat(1e9); return {};") },
    };

    [Theory]
    [MemberData(nameof(RefusedAtCertification))]
    public void Analyze_HostileTemplate_IsRefusedWithACode(string why, string source)
    {
        var analyzed = TemplateAnalyzer.Analyze(source);

        Assert.False(analyzed.IsSuccess, why);
        Assert.StartsWith("contract.template.", analyzed.Error.Code, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> StoppedAtRun => new()
    {
        { "infinite loop", Templates.WithBody("while (true) { } return {};"), ContractErrors.Budget },
        { "deep recursion", Templates.WithBody("return { state: { n: f(0) } };", "function f(n) { return f(n + 1) + 1; }"), ContractErrors.Recursion },
        { "huge array", Templates.WithBody("const a = new Array(100000000).fill(1); return {};"), ContractErrors.Memory },
        { "growing array", Templates.WithBody("const a = []; for (let i = 0; i < 50000; i++) { a.push(i); } return {};"), ContractErrors.Memory },
        { "string doubling", Templates.WithBody("let s = 'xxxxxxxxxxxxxxxx'; for (let i = 0; i < 40; i++) { s = s + s; } return { state: { n: s.length } };"), ContractErrors.Memory },
        { "non-integer output", Templates.WithBody("return { payments: [{ from: 'b', to: 'a', amount: 10 / 3 }] };"), ContractErrors.OutputNotInteger },
        { "NaN state", Templates.WithBody("return { state: { x: 0 / 0 } };"), ContractErrors.OutputNotInteger },
        { "unsafe integer", Templates.WithBody("return { state: { x: 9007199254740993 } };"), ContractErrors.OutputNotInteger },
        { "negative payment", Templates.WithBody("return { payments: [{ from: 'b', to: 'a', amount: -5 }] };"), ContractErrors.NegativeOutput },
        { "unknown party", Templates.WithBody("return { payments: [{ from: 'b', to: 'mallory', amount: 5 }] };"), ContractErrors.UnknownParty },
        { "self payment", Templates.WithBody("return { payments: [{ from: 'a', to: 'a', amount: 5 }] };"), ContractErrors.UnknownParty },
        { "throws", Templates.WithBody("throw new Error('boom');"), ContractErrors.Threw },
        { "computed constructor escape", Templates.WithBody("const F = (() => 1)['constr' + 'uctor']; return F('return {}')();"), ContractErrors.Threw },
        { "computed Math.random", Templates.WithBody("return { state: { r: Math.floor((0, Math)['ran' + 'dom']() * 10) } };"), ContractErrors.Threw },
        { "not an object", Templates.WithBody("return 42;"), ContractErrors.InvalidOutput },
        { "getter in an output array", Templates.WithBody("const a = [1]; Object['define' + 'Property'](a, 0, { get: function () { throw new Error('boom'); }, enumerable: true }); return { state: { a: a } };"), ContractErrors.InvalidOutput },
        { "native recursion in join", Templates.WithBody("let a = []; for (let i = 0; i < 20000; i++) { a = [a]; } return { state: { n: a.join(',').length } };"), ContractErrors.Recursion },
        { "regex through match", Templates.WithBody("return { state: { m: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaa!'['mat' + 'ch']('^(a+)+$') === null ? 0 : 1 } };"), ContractErrors.Threw },
        { "computed repeat", Templates.WithBody("const s = 'x'['rep' + 'eat'](100000000); return { state: { n: s.length } };"), ContractErrors.Threw },
        { "unknown field", Templates.WithBody("return { money: 1 };"), ContractErrors.InvalidOutput },
        { "function in state", Templates.WithBody("return { state: { f: function () { } } };"), ContractErrors.InvalidOutput },
        { "helper with fraction", Templates.WithBody("return { state: { v: flecs.value(1.5, 100) } };"), ContractErrors.Threw },
    };

    [Theory]
    [MemberData(nameof(StoppedAtRun))]
    public void Run_HostileTemplate_StopsWithItsCode(string why, string source, string code)
    {
        var template = Templates.Analyze(source);

        var result = Templates.Run(template);

        Assert.False(result.IsSuccess, why);
        Assert.Equal(code, result.Error.Code);
    }

    [Fact]
    public void Run_AfterAHostileRun_TheSameRuntimeStillWorks()
    {
        var runtime = new ContractRuntime();
        var loop = Templates.Analyze(Templates.WithBody("while (true) { } return {};"));
        var good = Templates.Analyze(Templates.WithBody("return { state: { n: ctx.meters.a.export } };"));

        var stopped = Templates.Run(loop, runtime: runtime);
        Assert.False(stopped.IsSuccess);
        Assert.Equal(ContractErrors.Budget, stopped.Error.Code);
        var result = Templates.Run(good, runtime: runtime);

        Assert.True(result.IsSuccess);
        Assert.Equal(1000, result.Value[0].State["n"]?.AsInteger);
    }

    [Fact]
    public void Run_TemplateMutatingSharedObjects_CannotLeaveStateForTheNextCall()
    {
        // A template that tries to remember something between calls outside ctx.state: every route is frozen.
        var template = Templates.Analyze(Templates.WithBody(
            "try { table.n = (table.n || 0) + 1; } catch (e) { } try { Object['proto' + 'type'].leak = 1; } catch (e) { } try { flecs.extra = 1; } catch (e) { }"
            + " const it = Object['getPrototype' + 'Of']([1].entries()); try { it.n = (it.n || 0) + 1; } catch (e) { }"
            + " let err = 0; try { null.x; } catch (e) { const ep = Object['getPrototype' + 'Of'](e); try { ep.n = (ep.n || 0) + 1; } catch (e2) { } err = ep.n === undefined ? 0 : ep.n; }"
            + " return { state: { n: table.n === undefined ? 0 : table.n, leak: ({}).leak === undefined ? 0 : 1, extra: flecs.extra === undefined ? 0 : 1, it: it.n === undefined ? 0 : it.n, err: err } };",
            "const table = { base: 1 };"));

        var result = Templates.Run(template, count: 3);

        Assert.True(result.IsSuccess, result.IsSuccess ? "" : result.Error.ToString());
        Assert.All(result.Value, o => Assert.Equal("{\"err\":0,\"extra\":0,\"it\":0,\"leak\":0,\"n\":0}", o.State.ToJson()));
    }
}
