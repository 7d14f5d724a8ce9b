namespace Flecs.Cli.Settlement;

/// <summary>One check of <c>flecs invoice verify</c>.</summary>
internal sealed record InvoiceCheck(string Name, bool Ok, string Detail);
