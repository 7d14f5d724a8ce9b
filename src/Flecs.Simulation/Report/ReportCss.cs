namespace Flecs.Simulation.Report;

/// <summary>The report's inline style sheet: system fonts only, no external resources, print-friendly.</summary>
internal static class ReportCss
{
    /// <summary>The style sheet.</summary>
    public const string Text = """
        :root { --ink: #1f2937; --muted: #5b6473; --line: #e5e7eb; --bg: #f4f6f9; --card: #fff; --accent: #1f4e79; --good: #15803d; --bad: #b91c1c; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; font: 15px/1.55 "Inter", "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; color: var(--ink); background: var(--bg); }
        .wrap { max-width: 1120px; margin: 0 auto; padding: 0 24px; }
        header.hero { background: linear-gradient(135deg, #0f2a44 0%, #1f4e79 55%, #2e6da4 100%); color: #fff; padding: 34px 0 30px; }
        .eyebrow { text-transform: uppercase; letter-spacing: .14em; font-size: 12px; opacity: .8; margin: 0; }
        h1 { font-size: 32px; line-height: 1.2; margin: 6px 0 6px; font-weight: 650; }
        .subtitle { margin: 0; opacity: .9; font-size: 16px; }
        .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 12px 28px; margin: 22px 0 0; }
        .facts div { min-width: 0; }
        .facts dt { font-size: 11.5px; opacity: .75; text-transform: uppercase; letter-spacing: .07em; }
        .facts dd { margin: 2px 0 0; font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
        .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: 14px; margin: 24px 0 8px; }
        .tile { background: var(--card); border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 10px; padding: 14px 16px 12px; box-shadow: 0 1px 2px rgba(16, 24, 40, .05); }
        .tile .label { font-size: 11.5px; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; font-weight: 600; }
        .tile .value { font-size: 25px; font-weight: 650; font-variant-numeric: tabular-nums; margin-top: 4px; line-height: 1.2; }
        .tile .unit { font-size: 15px; font-weight: 600; color: var(--muted); margin-left: 2px; }
        .tile .note { font-size: 12.5px; color: var(--muted); margin-top: 2px; }
        nav.toc { display: flex; flex-wrap: wrap; gap: 6px 8px; margin: 18px 0 4px; }
        nav.toc a { font-size: 13px; color: var(--accent); text-decoration: none; border: 1px solid #c9d6e6; background: #fff; border-radius: 999px; padding: 3px 12px; }
        nav.toc a:hover { background: #eaf1f9; }
        section.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 24px 28px 20px; margin: 20px 0; box-shadow: 0 1px 2px rgba(16, 24, 40, .04); }
        h2 { font-size: 22px; line-height: 1.25; margin: 0 0 6px; font-weight: 650; }
        h3 { font-size: 16px; margin: 24px 0 6px; font-weight: 650; }
        p.lead { color: var(--muted); margin: 0 0 14px; max-width: 80ch; }
        p.small { color: var(--muted); font-size: 13px; margin: 6px 0 0; }
        figure.chart { margin: 14px 0 18px; padding: 8px 0; }
        figure.chart svg text { font-variant-ligatures: none; font-kerning: none; }
        figure.chart svg { display: block; width: 100%; max-width: 960px; height: auto; margin: 0 auto; }
        .chart-error { color: var(--bad); border: 1px dashed #fca5a5; border-radius: 8px; padding: 24px; text-align: center; }
        .table-wrap { overflow-x: auto; margin: 8px 0 6px; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; }
        th, td { padding: 7px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        thead th { font-size: 11.5px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); font-weight: 600; background: #f8fafc; border-bottom: 2px solid var(--line); }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tbody tr:nth-child(even) { background: #fbfcfe; }
        tbody td:first-child { white-space: nowrap; }
        tfoot td { font-weight: 650; border-top: 2px solid var(--line); }
        .pos { color: var(--good); }
        .neg { color: var(--bad); }
        .badge { display: inline-block; padding: 2px 12px; border-radius: 999px; font-weight: 650; font-size: 13px; }
        .badge.ok { background: #dcfce7; color: #166534; border: 1px solid #86efac; }
        .badge.fail { background: #fee2e2; color: #991b1b; border: 1px solid #fca5a5; }
        .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; overflow-wrap: anywhere; }
        .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 28px; }
        .cols > div { min-width: 0; }
        table.compact th, table.compact td { padding: 6px 7px; white-space: nowrap; }
        @media (max-width: 820px) { .cols { grid-template-columns: 1fr; } h1 { font-size: 26px; } section.card { padding: 18px 16px; } }
        dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 8px 24px; margin: 8px 0; }
        dl.kv dt { color: var(--muted); }
        dl.kv dd { margin: 0; font-variant-numeric: tabular-nums; }
        footer { color: var(--muted); font-size: 13px; padding: 12px 0 40px; }
        footer code { font-size: 12.5px; }
        @media print { body { background: #fff; } nav.toc { display: none; } section.card { break-inside: avoid; box-shadow: none; } header.hero { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
        """;
}
