import CSPCharts
import CSPDisplay
import CSPLayout

/// The page's look, from the partnership's branding: its accent for headings, links and rules,
/// darkened where needed so that every text colour meets WCAG AA contrast on its background.
struct HTMLTheme {
    /// The accent as the charts draw it (bars keep the partnership's exact colour).
    let accent: Color
    /// The accent as text on white and on the header's tint.
    let accentText: Color
    let tint: Color

    init(branding: Branding, classification: String, title: String) {
        self.classification = classification; self.title = title
        accent = branding.accent
        tint = branding.accent.tint(0.93)
        // Links also sit on the tables' zebra rows, the darkest background text is set on.
        accentText = Contrast.readable(Contrast.readable(branding.accent, on: tint), on: Color(hex: "#F3F2F1") ?? tint)
    }

    /// In print, the marking at the top and the bottom of every page, as in the PDF, with the
    /// title and the page number (CSS page-margin boxes).
    let classification: String
    let title: String

    var pageMarginBoxes: String {
        let small = "font:9pt \(Self.fontStack);color:#505A5F"
        var boxes = ""
        if !classification.isEmpty {
            let mark = "content:\(Self.cssString(classification));font:bold 9pt \(Self.fontStack);color:#000"
            boxes += "@top-center{\(mark)}@bottom-center{\(mark)}"
        }
        boxes += "@bottom-left{content:\(Self.cssString(title));\(small)}"
        boxes += "@bottom-right{content:\"Page \" counter(page) \" of \" counter(pages);\(small)}"
        return boxes
    }

    /// A CSS string literal: quotes, backslashes and line ends escaped.
    static func cssString(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"", "\\": out += "\\" + String(c)
            case "\n", "\r", "<", ">": out += "\\" + String(c.value, radix: 16) + " "
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    var statusRules: String {
        [CellStatus.good, .warning, .bad, .neutral].map { s in
            let c = Theme.statusColors[s] ?? ("#FFFFFF", "#0B0C0C")
            return ".status-\(s.name){background:\(c.fill);color:\(c.ink)}"
        }.joined(separator: "\n") + "\n"
    }

    /// System fonts metric-compatible with Arial first: chart labels are placed with Arial's
    /// widths (see `ArialMetricsShaper`).
    static let fontStack = "Arial, \"Liberation Sans\", \"Helvetica Neue\", Helvetica, sans-serif"

    var stylesheet: String {
        """
        :root{--text:#0B0C0C;--secondary:#505A5F;--accent:\(accentText.hex);--tint:\(tint.hex);--rule:#B1B4B6;--zebra:#F3F2F1;--focus:#FFDD00}
        *,*::before,*::after{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
        body{margin:0;font-family:\(Self.fontStack);font-size:1.0625rem;line-height:1.5;color:var(--text);background:#fff;overflow-wrap:break-word}
        main,.masthead-inner,.footer-inner{max-width:60rem;margin:0 auto;padding:0 1rem}
        main{padding-bottom:2rem}
        main:focus{outline:none}
        a{color:var(--accent);text-decoration-thickness:1px;text-underline-offset:.15em}
        a:hover{text-decoration-thickness:3px}
        a:focus-visible,.table-wrap:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:0;background:var(--focus);color:var(--text);box-shadow:0 4px var(--text);text-decoration:none}
        .table-wrap:focus-visible{background:#fff;box-shadow:0 0 0 6px var(--text)}
        .skip-link{position:absolute;left:-9999px;top:0;padding:.5rem 1rem;background:var(--focus);color:var(--text);z-index:10}
        .skip-link:focus{left:0}
        .visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;white-space:nowrap!important;border:0!important}
        .marking{max-width:none;margin:0;padding:.35rem 1rem;text-align:center;letter-spacing:.06em;background:var(--text);color:#fff;font-size:.875rem}
        .masthead{border-bottom:4px solid \(accent.hex);margin-bottom:1.5rem}
        .masthead-inner{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;padding-top:.6rem;padding-bottom:.6rem;color:var(--secondary);font-size:.9375rem}
        .masthead-inner p{margin:0}
        .masthead-name{font-weight:700;color:var(--text)}
        h1,h2,h3,h4{line-height:1.2;margin:2rem 0 .75rem;color:var(--accent)}
        h1{font-size:2.25rem}
        h2{font-size:1.75rem;padding-bottom:.35rem;border-bottom:3px solid \(accent.hex)}
        h3{font-size:1.3rem}
        h4{font-size:1.1rem;color:var(--text)}
        p,ul,ol{margin:0 0 1rem;max-width:42em}
        li{margin-bottom:.3rem}
        .lead{font-size:1.25rem}
        .small,.note,.source{font-size:.9375rem;color:var(--secondary)}
        .note{font-style:italic}
        .align-center{text-align:center}.align-right{text-align:right}
        .secondary{color:var(--secondary)}
        .cover{padding:.5rem 0 1rem}
        .cover .logo{display:block;max-width:100%;height:auto;margin-bottom:1rem}
        .cover-title{font-size:2.5rem;margin:.5rem 0 .5rem}
        .cover-subtitle{font-size:1.4rem;margin-bottom:1rem}
        .cover-lines{list-style:none;padding:0}
        .cover-lines li{margin:0 0 .2rem}
        .contents{background:var(--tint);padding:.25rem 1.25rem 1rem;margin:1.5rem 0 2rem;border-left:4px solid \(accent.hex)}
        .contents h2{border:0;margin-top:1rem}
        .contents ol{list-style:none;padding-left:0;margin-bottom:0}
        .contents ol ol{padding-left:1.25rem;margin-top:.3rem;font-size:.9375rem}
        .contents>ol>li{font-weight:700}
        .contents ol ol li{font-weight:400}
        .kpis{list-style:none;padding:0;margin:1rem 0 1.5rem;max-width:none;display:grid;grid-template-columns:repeat(auto-fit,minmax(12.5rem,1fr));gap:.75rem}
        .kpi{margin:0;padding:.75rem .9rem;background:var(--tint);border-left:4px solid \(accent.hex)}
        .kpi p{margin:0}
        .kpi-label{font-weight:700;color:var(--secondary);font-size:.9375rem}
        .kpi-value{font-size:2rem;font-weight:700;line-height:1.2}
        .kpi-change{font-size:.9375rem}
        .kpi-change.good{color:#005A30}.kpi-change.bad{color:#942514}.kpi-change.neutral{color:var(--secondary)}
        .sparkline{display:block;margin:.4rem 0 .2rem;max-width:100%;height:auto}
        .table-wrap{overflow-x:auto;margin:0 0 1.25rem;max-width:100%}
        table{border-collapse:collapse;width:100%;font-size:.9375rem;font-variant-numeric:tabular-nums}
        /* A wide table's caption wraps on the screen and stays there as the table's box scrolls. */
        caption{text-align:left;font-weight:700;padding:0 0 .5rem;font-size:1rem;position:sticky;left:0;max-width:calc(100vw - 3rem);box-sizing:border-box}
        th,td{padding:.45rem .5rem;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top;min-width:5ch}
        thead th,thead td{border-bottom:2px solid var(--text);vertical-align:bottom;background:#fff}
        tbody tr:nth-child(even){background:var(--zebra)}
        th{font-weight:700}
        tbody th{font-weight:600}
        .num{text-align:right;white-space:nowrap}
        .short{white-space:nowrap}
        td.text,th.text{min-width:10em}
        table.compact{width:auto;min-width:min(100%,36rem)}
        .center{text-align:center}
        /* A group row is tinted; its runs say what is bold, as in the PDF. */
        tr.group th,tr.group td{background:var(--tint)}
        tr.total th,tr.total td{font-weight:700;border-top:2px solid var(--text)}
        .status{display:inline-block;padding:0 .4rem;border-radius:3px;font-weight:700;white-space:nowrap}
        \(statusRules)\
        .table-note{margin-top:-.75rem}
        .chart-figure{margin:1.5rem 0 2rem;max-width:45rem}
        .chart-title{font-weight:700;font-size:1.125rem;margin-bottom:.5rem}
        .chart svg{display:block;max-width:100%;height:auto;font-family:\(Self.fontStack)}
        .chart .grid{stroke:#D9DCDE;stroke-width:1}
        .chart .axis{stroke:#6F777B;stroke-width:1.2}
        .chart-narrow{display:none!important}
        @media (max-width:40rem){.chart-wide{display:none!important}.chart-narrow{display:block!important}h1,.cover-title{font-size:1.9rem}h2{font-size:1.45rem}}
        .chart-data{margin:.75rem 0}
        .chart-data summary{cursor:pointer;color:var(--accent);text-decoration:underline;text-underline-offset:.15em;display:inline-block}
        .chart-data[open] summary{margin-bottom:.5rem}
        .source{margin-top:.5rem}
        .page-footer{margin-top:2rem;border-top:4px solid \(accent.hex)}
        .footer-inner{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;padding-top:.75rem;padding-bottom:.75rem;color:var(--secondary);font-size:.9375rem}
        .footer-inner p{margin:0}
        @media print{
        @page{size:A4;margin:18mm 15mm 18mm;\(pageMarginBoxes)}
        body{font-size:10.5pt}
        .skip-link,.chart-data,.footer-inner a,.marking{display:none}
        main,.masthead-inner,.footer-inner{max-width:none;padding:0}
        .chart-narrow{display:none!important}.chart-wide{display:block!important}
        a{color:inherit;text-decoration:none}
        h1,h2,h3,h4{break-after:avoid}
        h2{break-before:auto}
        figure,.kpi,tr,.cover{break-inside:avoid}
        .table-wrap{overflow:visible}
        .table-wrap.keep{break-inside:avoid}
        thead{display:table-header-group}
        }

        """
    }
}
