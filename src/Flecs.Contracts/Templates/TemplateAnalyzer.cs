using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Acornima;
using Acornima.Ast;
using Flecs.Contracts.Values;
using Flecs.Core.Results;
using Flecs.Crypto.Hashing;

namespace Flecs.Contracts.Templates;

/// <summary>
/// The SA's static analysis of a template (docs/adr/0005-contract-sandbox.md): parses the module with Acornima and
/// rejects what could make an execution depend on anything but its inputs — forbidden globals, any
/// identifier that is neither declared by the template nor an allowed global, clocks, randomness, code
/// compilation, async code, generators, classes, accessors, regular expressions, <c>**</c>, module-level
/// mutable state — and reads <c>meta</c> from the syntax tree.
/// </summary>
public static class TemplateAnalyzer
{
    /// <summary>The globals a template may use. Everything else is absent from the sandbox and refused here.</summary>
    public static FrozenSet<string> AllowedGlobals { get; } = new[]
    {
        "undefined", "NaN", "Infinity", "Object", "Array", "Number", "String", "Boolean", "Math", "Map", "Set",
        "Error", "TypeError", "RangeError", "isFinite", "isNaN", "parseInt", "flecs",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The members of <c>Math</c> a template may use (exact on every platform).</summary>
    public static FrozenSet<string> AllowedMath { get; } = new[] { "abs", "min", "max", "floor", "ceil", "trunc", "sign", "round" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Property names a template may not touch, even on its own objects.</summary>
    public static FrozenSet<string> ForbiddenProperties { get; } = new[]
    {
        "constructor", "__proto__", "prototype", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
        "defineProperty", "defineProperties", "setPrototypeOf", "getPrototypeOf", "caller", "callee", "random", "repeat", "padStart", "padEnd",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Analyzes a template source.</summary>
    public static Result<Template> Analyze(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var bytes = Encoding.UTF8.GetBytes(source);
        if (bytes.Length > Template.MaxSourceBytes)
        {
            return Result<Template>.Fail(ContractErrors.TemplateTooLarge, $"The template is {bytes.Length} bytes; the limit is {Template.MaxSourceBytes}.");
        }

        Module module;
        try
        {
            module = new Parser(new ParserOptions { EcmaVersion = EcmaVersion.ES2023, Tolerant = false }).ParseModule(source, "template.js");
        }
        catch (ParseErrorException ex)
        {
            return Result<Template>.Fail(ContractErrors.Syntax, ex.Message);
        }

        var analysis = new Analysis(source);
        var checkedTop = analysis.CheckTopLevel(module);
        if (!checkedTop.IsSuccess)
        {
            return checkedTop.Error;
        }

        var checkedBody = analysis.CheckBody(module);
        if (!checkedBody.IsSuccess)
        {
            return checkedBody.Error;
        }

        if (analysis.MetaLiteral is null)
        {
            return Result<Template>.Fail(ContractErrors.InvalidMeta, "The template must export a literal `export const meta = { … }`.");
        }

        if (!analysis.HasEntry)
        {
            return Result<Template>.Fail(ContractErrors.MissingEntry, "The template must export `function interval(ctx)`.");
        }

        var metaValue = Analysis.Literal(analysis.MetaLiteral);
        if (!metaValue.IsSuccess)
        {
            return metaValue.Error;
        }

        var meta = TemplateMeta.FromValue(metaValue.Value);
        if (!meta.IsSuccess)
        {
            return meta.Error;
        }

        return new Template(source, Sha256Digest.Hash(bytes), meta.Value, analysis.Script(), [.. analysis.TopLevel.Order(StringComparer.Ordinal)]);
    }

    private sealed class Analysis(string source)
    {
        private static readonly FrozenSet<string> ForbiddenNames = new[]
        {
            "Date", "eval", "Function", "globalThis", "Reflect", "Proxy", "WeakRef", "WeakMap", "WeakSet", "FinalizationRegistry", "Atomics",
            "SharedArrayBuffer", "Promise", "Intl", "Temporal", "RegExp", "JSON", "Symbol", "require", "process", "window", "self",
            "setTimeout", "setInterval", "queueMicrotask", "console", "importNamespace", "System", "arguments",
        }.ToFrozenSet(StringComparer.Ordinal);

        private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
        private readonly List<(int Start, int End)> _exportKeywords = [];

        public HashSet<string> TopLevel { get; } = new(StringComparer.Ordinal);

        public ObjectExpression? MetaLiteral { get; private set; }

        public bool HasEntry { get; private set; }

        public string Script()
        {
            var chars = source.ToCharArray();
            foreach (var (start, end) in _exportKeywords)
            {
                Array.Fill(chars, ' ', start, end - start);
            }

            return new string(chars);
        }

        public Result CheckTopLevel(Module module)
        {
            foreach (var statement in module.Body)
            {
                switch (statement)
                {
                    case Directive:
                        break;
                    case ExportNamedDeclaration { Declaration: { } declaration, Source: null } export when export.Specifiers.Count == 0:
                        _exportKeywords.Add((export.Start, declaration.Start));
                        var exported = Declare(declaration, exported: true);
                        if (!exported.IsSuccess)
                        {
                            return exported;
                        }

                        break;
                    case FunctionDeclaration or VariableDeclaration:
                        var declared = Declare((Declaration)statement, exported: false);
                        if (!declared.IsSuccess)
                        {
                            return declared;
                        }

                        break;
                    default:
                        return Forbidden(statement, "at top level a template holds only `const` declarations of literal data or functions and function declarations (optionally exported); module-level code and mutable state are not allowed");
                }
            }

            return Result.Success;
        }

        public Result CheckBody(Module module)
        {
            foreach (var node in Descendants(module))
            {
                var result = CheckNode(node.Node, node.Parent);
                if (!result.IsSuccess)
                {
                    return result;
                }
            }

            foreach (var node in Descendants(module))
            {
                if (node.Node is Identifier identifier && IsReference(identifier, node.Parent) && !_declared.Contains(identifier.Name) && !AllowedGlobals.Contains(identifier.Name))
                {
                    return Forbidden(identifier, $"'{identifier.Name}' is not declared by the template and is not an allowed global ({string.Join(", ", AllowedGlobals.Order(StringComparer.Ordinal))})");
                }
            }

            return Result.Success;
        }

        public static Result<ContractValue> Literal(Node node)
        {
            switch (node)
            {
                case StringLiteral s:
                    return ContractValue.Text(s.Value);
                case BooleanLiteral b:
                    return ContractValue.Bool(b.Value);
                case NullLiteral:
                    return ContractValue.Null;
                case NumericLiteral n:
                    return Integer(n, negate: false);
                case UnaryExpression { Operator: Operator.UnaryNegation, Argument: NumericLiteral n }:
                    return Integer(n, negate: true);
                case TemplateLiteral { Expressions.Count: 0 } t:
                    return ContractValue.Text(t.Quasis[0].Value.Cooked ?? string.Empty);
                case ArrayExpression array:
                    var items = new List<ContractValue>();
                    foreach (var element in array.Elements)
                    {
                        if (element is null)
                        {
                            return Result<ContractValue>.Fail(ContractErrors.InvalidMeta, $"{Where(array)}: holes are not allowed in literal data.");
                        }

                        var item = Literal(element);
                        if (!item.IsSuccess)
                        {
                            return item;
                        }

                        items.Add(item.Value);
                    }

                    return ContractValue.List(items);
                case ObjectExpression obj:
                    var entries = new List<KeyValuePair<string, ContractValue>>();
                    foreach (var property in obj.Properties)
                    {
                        if (property is not ObjectProperty { Computed: false, Kind: PropertyKind.Init, Method: false } p || KeyName(p.Key) is not { } key)
                        {
                            return Result<ContractValue>.Fail(ContractErrors.InvalidMeta, $"{Where(property)}: literal data has plain `key: value` properties only.");
                        }

                        var value = Literal(p.Value);
                        if (!value.IsSuccess)
                        {
                            return value;
                        }

                        entries.Add(new(key, value.Value));
                    }

                    try
                    {
                        return ContractValue.Map(entries);
                    }
                    catch (ArgumentException ex)
                    {
                        return Result<ContractValue>.Fail(ContractErrors.InvalidMeta, $"{Where(obj)}: {ex.Message}");
                    }

                default:
                    return Result<ContractValue>.Fail(ContractErrors.InvalidMeta, $"{Where(node)}: expected literal data (strings, integers, booleans, null, arrays, objects).");
            }
        }

        /// <summary>Reads a numeric literal as a safe integer (the literal's value is a double in the syntax tree; nothing else here is).</summary>
        private static Result<ContractValue> Integer(NumericLiteral node, bool negate)
        {
            var value = node.Value;
            return double.IsInteger(value) && Math.Abs(value) <= ContractValue.MaxSafeInteger
                ? ContractValue.Integer(negate ? -(long)value : (long)value)
                : Result<ContractValue>.Fail(ContractErrors.InvalidMeta, $"{Where(node)}: numbers in literal data are safe integers.");
        }

        private Result Declare(Declaration declaration, bool exported)
        {
            switch (declaration)
            {
                case FunctionDeclaration { Id: { } id } function:
                    if (function.Generator || function.Async)
                    {
                        return Forbidden(function, "generators and async functions are not allowed");
                    }

                    if (exported && string.Equals(id.Name, "interval", StringComparison.Ordinal))
                    {
                        HasEntry = true;
                    }

                    return AddTopLevel(id);
                case VariableDeclaration { Kind: VariableDeclarationKind.Const } variables:
                    foreach (var declarator in variables.Declarations)
                    {
                        if (declarator.Id is not Identifier id || declarator.Init is not { } init)
                        {
                            return Forbidden(declarator, "top-level constants are plain `const name = …`");
                        }

                        if (!IsStaticInitializer(init))
                        {
                            return Forbidden(init, $"the top-level constant '{id.Name}' must be literal data or a function (no calls or computed values at module level)");
                        }

                        if (exported && string.Equals(id.Name, "meta", StringComparison.Ordinal))
                        {
                            MetaLiteral = init as ObjectExpression;
                        }

                        var added = AddTopLevel(id);
                        if (!added.IsSuccess)
                        {
                            return added;
                        }
                    }

                    return Result.Success;
                default:
                    return Forbidden(declaration, "at top level only `const` and function declarations are allowed (`let`, `var` and classes would be module-level mutable state)");
            }
        }

        private Result AddTopLevel(Identifier id) =>
            TopLevel.Add(id.Name) ? Result.Success : Forbidden(id, $"'{id.Name}' is declared twice");

        private static bool IsStaticInitializer(Node init) => init switch
        {
            FunctionExpression f => !f.Generator && !f.Async,
            ArrowFunctionExpression a => !a.Async,
            RegExpLiteral => false,
            Acornima.Ast.Literal => true,
            UnaryExpression { Operator: Operator.UnaryNegation, Argument: NumericLiteral } => true,
            TemplateLiteral { Expressions.Count: 0 } => true,
            ArrayExpression array => array.Elements.All(e => e is not null && IsStaticInitializer(e)),
            ObjectExpression obj => obj.Properties.All(p => p is ObjectProperty { Computed: false, Kind: PropertyKind.Init, Method: false } op && IsStaticInitializer(op.Value)),
            _ => false,
        };

        private Result CheckNode(Node node, Node? parent)
        {
            switch (node)
            {
                case ImportDeclaration or ImportExpression or ExportDefaultDeclaration or ExportAllDeclaration:
                    return Forbidden(node, "imports and default or re-exports are not allowed: a template is one self-contained module");
                case ExportNamedDeclaration when parent is not Module:
                    return Forbidden(node, "exports are top-level only");
                case MetaProperty:
                    return Forbidden(node, "import.meta and new.target are not allowed");
                case AwaitExpression or YieldExpression:
                    return Forbidden(node, "await and yield are not allowed");
                case FunctionDeclaration { Generator: true } or FunctionDeclaration { Async: true } or FunctionExpression { Generator: true } or FunctionExpression { Async: true } or ArrowFunctionExpression { Async: true }:
                    return Forbidden(node, "generators and async functions are not allowed");
                case ClassDeclaration or ClassExpression:
                    return Forbidden(node, "classes are not allowed; use plain objects and functions");
                case RegExpLiteral:
                    return Forbidden(node, "regular expressions are not allowed (their run time is not bounded by the statement budget)");
                case BigIntLiteral:
                    return Forbidden(node, "BigInt is not allowed (its arithmetic cost grows with the operands, unbounded by the statement budget); use the flecs helpers for exact integer arithmetic");
                case WithStatement or DebuggerStatement:
                    return Forbidden(node, "`with` and `debugger` are not allowed");
                case ObjectProperty { Kind: PropertyKind.Get or PropertyKind.Set }:
                    return Forbidden(node, "getters and setters are not allowed (results must be plain data)");
                case BinaryExpression { Operator: Operator.Exponentiation } or AssignmentExpression { Operator: Operator.ExponentiationAssignment }:
                    return Forbidden(node, "`**` is not exact on every platform; multiply, or use flecs.mulDiv");
                case MemberExpression { Computed: false, Property: Identifier property } when ForbiddenProperties.Contains(property.Name):
                    return Forbidden(node, $"the property '{property.Name}' is not allowed");
                case MemberExpression { Computed: false, Object: Identifier { Name: "Math" }, Property: Identifier member } when !AllowedMath.Contains(member.Name):
                    return Forbidden(node, $"Math.{member.Name} is not allowed (allowed: {string.Join(", ", AllowedMath.Order(StringComparer.Ordinal))}); Math.random and floating-point functions would make results differ between runs or machines");
                case MemberExpression { Computed: true, Object: Identifier { Name: "Math" } }:
                    return Forbidden(node, "Math members are accessed by name only");
                case MemberExpression { Computed: true, Property: StringLiteral key } when ForbiddenProperties.Contains(key.Value):
                    return Forbidden(node, $"the property '{key.Value}' is not allowed");
                case AssignmentExpression { Left: Identifier target } when TopLevel.Contains(target.Name):
                    return Forbidden(node, $"'{target.Name}' is module-level and cannot be reassigned");
                case UpdateExpression { Argument: Identifier target } when TopLevel.Contains(target.Name):
                    return Forbidden(node, $"'{target.Name}' is module-level and cannot be reassigned");
                case Identifier identifier when IsBinding(identifier, parent) && ForbiddenNames.Contains(identifier.Name):
                    return Forbidden(node, $"the name '{identifier.Name}' is reserved");
                case Identifier identifier when IsReference(identifier, parent) && ForbiddenNames.Contains(identifier.Name):
                    return Forbidden(node, $"'{identifier.Name}' is not available to templates (no clock, randomness, code compilation, reflection, I/O or host objects)");
                case Identifier identifier when IsBinding(identifier, parent):
                    _declared.Add(identifier.Name);
                    return Result.Success;
                default:
                    return Result.Success;
            }
        }

        /// <summary>True when the identifier declares a name (a binding), as opposed to referring to one or naming a property.</summary>
        private static bool IsBinding(Identifier identifier, Node? parent) => parent switch
        {
            VariableDeclarator d => ReferenceEquals(d.Id, identifier),
            FunctionDeclaration f => ReferenceEquals(f.Id, identifier) || f.Params.Contains(identifier),
            FunctionExpression f => ReferenceEquals(f.Id, identifier) || f.Params.Contains(identifier),
            ArrowFunctionExpression a => a.Params.Contains(identifier),
            CatchClause c => ReferenceEquals(c.Param, identifier),
            AssignmentPattern p => ReferenceEquals(p.Left, identifier),
            RestElement => true,
            ArrayPattern => true,
            ObjectProperty p when p.Value == identifier && IsInPattern(p) => true,
            _ => false,
        };

        private static bool IsInPattern(ObjectProperty property) => property.UserData is ObjectPattern;

        /// <summary>True unless the identifier is a non-computed property name, an object key, or a label.</summary>
        private static bool IsReference(Identifier identifier, Node? parent) => parent switch
        {
            MemberExpression m => m.Computed || !ReferenceEquals(m.Property, identifier),
            ObjectProperty p => p.Computed || !ReferenceEquals(p.Key, identifier) || p.Shorthand,
            MethodDefinition or PropertyDefinition => false,
            LabeledStatement or BreakStatement or ContinueStatement => false,
            MetaProperty => false,
            _ => true,
        };

        private static IEnumerable<(Node Node, Node? Parent)> Descendants(Node root)
        {
            var stack = new Stack<(Node, Node?)>();
            stack.Push((root, null));
            while (stack.Count > 0)
            {
                var (node, parent) = stack.Pop();
                yield return (node, parent);
                foreach (var child in node.ChildNodes)
                {
                    if (child is ObjectProperty property && node is ObjectPattern)
                    {
                        property.UserData = node;
                    }

                    stack.Push((child, node));
                }
            }
        }

        private static string? KeyName(Node key) => key switch
        {
            Identifier id => id.Name,
            StringLiteral s => s.Value,
            _ => null,
        };

        private static string Where(Node node) =>
            string.Create(CultureInfo.InvariantCulture, $"line {node.Location.Start.Line}, column {node.Location.Start.Column + 1}");

        private static Result Forbidden(Node node, string why) => Result.Fail(ContractErrors.Forbidden, $"{Where(node)}: {why}.");
    }
}
