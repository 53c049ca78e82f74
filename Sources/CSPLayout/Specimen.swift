import CSPDisplay
import CSPCharts

/// The engine's visual test: a document that uses every block, chart kind and text feature.
/// Pure values; the `specimen` command supplies branding and the date.
public enum Specimen {
    public static func document(branding: Branding, classification: String, date: DateTime) -> Document {
        let areas = ["North", "East", "South", "West"]
        let quarters = ["Q4 20–21", "Q1 21–22", "Q2 21–22", "Q3 21–22"]
        let title = "Problem-Solving Group quarterly report"
        var blocks: [Block] = []
        blocks.append(.cover(Cover(
            title: "Problem-Solving Group: rendering specimen",
            subtitle: "Every block, chart and table the report engine draws, in the partnership's branding",
            lines: ["Quarter: October to December 2021 (2021–22 Q3)", "Prepared by: PSG chair",
                    "Classification: \(classification)"])))
        blocks.append(.pageBreak)
        blocks.append(.contents(title: "Contents"))
        blocks.append(.pageBreak)

        blocks.append(.heading(Heading(level: 1, "At a glance")))
        blocks.append(.paragraph(Paragraph([
            TextRun("Headline figures for the quarter, with the change against last quarter. "),
            TextRun("Direction is always written out", bold: true),
            TextRun(" as well as shown by colour, so the tiles read the same in greyscale print."),
        ])))
        blocks.append(.kpis([
            KPITile(label: "Open cases at end", value: "23", change: "3 on last quarter", direction: .down, upIsGood: false,
                    trend: [31, 28, 26, 23]),
            KPITile(label: "Successes recorded", value: "41", change: "12 on last quarter", direction: .up, upIsGood: true,
                    trend: [18, 22, 29, 41]),
            KPITile(label: "Blockers escalated", value: "4", change: "1 on last quarter", direction: .up, upIsGood: false,
                    trend: [2, 5, 3, 4]),
            KPITile(label: "OCG referrals", value: "1,204", change: "no change on last quarter", direction: .flat, trend: [1_180, 1_215, 1_204, 1_204]),
        ]))
        blocks.append(.figure(Figure(Chart(.bar(.vertical),
            title: "Successes rose in every area, most in North",
            altText: "Bar chart of successes by area this quarter: North 14, East 9, South 8, West 10.",
            categories: areas, series: [ChartSeries("Successes", [14, 9, 8, 10])], valueLabel: "Successes"),
            source: "Source: successes.csv, 1 October to 31 December 2021.")))
        blocks.append(.figure(Figure(Chart(.groupedBar(.vertical),
            title: "Cases opened outnumbered cases closed in East and South",
            altText: "Grouped bar chart of cases opened and closed by area. North opened 3, closed 5; East opened 6, closed 2; South opened 4, closed 1; West opened 2, closed 4.",
            categories: areas, series: [ChartSeries("Opened", [3, 6, 4, 2]), ChartSeries("Closed", [5, 2, 1, 4])],
            valueLabel: "Cases"), source: "Source: psg-cases.csv.")))

        blocks.append(.heading(Heading(level: 1, "Operation Carmel by area")))
        blocks.append(.paragraph(Paragraph([
            TextRun("Operation Carmel combines "), TextRun("engagement", italic: true), TextRun(", "),
            TextRun("targeted activity", italic: true), TextRun(" and "), TextRun("problem solving", italic: true),
            TextRun(", extended with the Think Communities approach. This paragraph is justified to show Pango's justification with hyphenation of long words such as Wohnungsbaugenossenschaftsverband, antidisestablishmentarianism and multi-agency-safeguarding-arrangements, which would otherwise leave ragged gaps."),
        ], alignment: .justify)))
        blocks.append(.figure(Figure(Chart(.stackedBar(.vertical),
            title: "Engagement was the largest share of activity in every area",
            altText: "Stacked bar chart of Operation Carmel activity by step and area. North: engagement 24, targeted activity 9, problem solving 6, Think Communities 3. East: 18, 7, 4, 2. South: 15, 11, 5, 4. West: 27, 8, 7, 5.",
            categories: areas, series: [
                ChartSeries("Engagement", [24, 18, 15, 27]), ChartSeries("Targeted activity", [9, 7, 11, 8]),
                ChartSeries("Problem solving", [6, 4, 5, 7]), ChartSeries("Think Communities", [3, 2, 4, 5]),
            ], valueLabel: "Activities"), source: "Source: carmel-activity.csv.")))
        blocks.append(.figure(Figure(Chart(.bar(.horizontal),
            title: "Anti-social behaviour & drug dealing were the most common issues",
            altText: "Horizontal bar chart of open cases by issue: anti-social behaviour 9, drug dealing 7, criminal damage 4, street drinking 2, fly-tipping 1.",
            categories: ["Anti-social behaviour", "Drug dealing", "Criminal damage", "Street drinking", "Fly-tipping"],
            series: [ChartSeries("Open cases", [9, 7, 4, 2, 1])], valueLabel: "Open cases"))))
        blocks.append(.figure(Figure(Chart(.stackedBar(.horizontal),
            title: "West held most of the quarter's Think Communities projects",
            altText: "Horizontal stacked bar chart of Think Communities projects by stage: North 1 scoping, 2 active; East 2 scoping, 1 active; South 1 idea, 1 active, 1 completed; West 1 idea, 3 active, 2 completed.",
            categories: areas, series: [
                ChartSeries("Idea", [0, 0, 1, 1]), ChartSeries("Scoping", [1, 2, 0, 0]),
                ChartSeries("Active", [2, 1, 1, 3]), ChartSeries("Completed", [0, 0, 1, 2]),
            ]))))
        blocks.append(.figure(Figure(Chart(.groupedBar(.horizontal),
            title: "Referrals to multi-agency working now lead in three areas",
            altText: "Horizontal grouped bar chart of OCG referrals by route and area.",
            categories: areas, series: [
                ChartSeries("Child protection", [2, 1, 3, 2]), ChartSeries("Early help", [1, 2, 1, 1]),
                ChartSeries("Multi-agency", [3, 3, 1, 4]),
            ]))))

        blocks.append(.heading(Heading(level: 1, "Trends")))
        blocks.append(.heading(Heading(level: 2, "Cases over eight quarters")))
        let eight = ["Q4 19–20", "Q1 20–21", "Q2 20–21", "Q3 20–21", "Q4 20–21", "Q1 21–22", "Q2 21–22", "Q3 21–22"]
        blocks.append(.figure(Figure(Chart(.line,
            title: "Open cases fell in North and West for three quarters running",
            altText: "Line chart of open cases at quarter end over eight quarters for each area. North fell from 9 to 5, East rose from 4 to 7, South stayed near 6, West fell from 8 to 5.",
            categories: eight, series: [
                ChartSeries("North", [9, 9, 10, 8, 8, 7, 6, 5]), ChartSeries("East", [4, 5, 4, 5, 6, 6, 7, 7]),
                ChartSeries("South", [6, 7, 6, 5, 6, 6, 6, 6]), ChartSeries("West", [8, 8, 9, 9, 7, 6, 6, 5]),
            ], valueLabel: "Open cases"))))
        if branding.primary != nil || !branding.areaColors.isEmpty || branding.palette != Palette.analysisFunction {
            blocks.append(.heading(Heading(level: 2, "The partnership's colours")))
            var rows: [[TableCell]] = [[TableCell("Headings and rules (primary)"), TableCell(branding.accent.description)],
                                       [TableCell("Charts, first series (accent)"), TableCell((branding.palette.first ?? branding.accent).description)]]
            for area in areas + ["City-wide"] {
                if let c = branding.areaColors[area] { rows.append([TableCell(area), TableCell(c.description)]) }
            }
            blocks.append(.table(Table(columns: [.text, .text], headerRows: [["Used for", "Colour"]], rows: rows,
                                       caption: "Colours set by palette: in csp.yaml", rowHeaders: true)))
            blocks.append(.paragraph(Paragraph("The chart above draws each area in its own colour; the headings and rules on every page are in the primary colour.", style: .note)))
        }
        blocks.append(.figure(Figure(Chart(.smallMultiples(columns: 2),
            title: "Successes by area on a shared scale: North's rise stands out",
            altText: "Four small line charts, one per area, of successes per quarter on the same scale. North rose from 4 to 14; East from 5 to 9; South from 6 to 8; West from 7 to 10.",
            categories: quarters, series: [
                ChartSeries("North", [4, 7, 10, 14]), ChartSeries("East", [5, 6, 8, 9]),
                ChartSeries("South", [6, 6, 7, 8]), ChartSeries("West", [7, 8, 8, 10]),
            ]), height: 240)))
        blocks.append(.figure(Figure(Chart(.groupedBar(.vertical),
            title: "Six agencies own blockers; the two smallest fold into “Other”",
            altText: "Grouped bar chart of blockers by owning agency, with the two smallest agencies folded into Other.",
            categories: ["Raised", "Resolved", "Open"], series: [
                ChartSeries("Police", [6, 3, 5]), ChartSeries("City Council", [5, 4, 3]),
                ChartSeries("County Council", [3, 1, 2]), ChartSeries("Housing", [2, 2, 1]),
                ChartSeries("NHS", [1, 0, 1]), ChartSeries("Fire service", [1, 1, 0]),
            ], valueLabel: "Blockers"))))

        blocks.append(.heading(Heading(level: 1, "Blockers and casework")))
        blocks.append(.heading(Heading(level: 2, "Blockers for the CSP board")))
        blocks.append(.list(BulletList([
            [TextRun("Housing & licensing: ", bold: true), TextRun("data-sharing agreement still unsigned after 3 months.")],
            [TextRun("CCTV at Market Square <Camera 4>: ", bold: true), TextRun("repair costs £2,450 – funding not agreed.")],
            [TextRun("Café owners in Mill Road (é, ñ, ü): ", bold: true), TextRun("asked for a named contact; ", italic: true),
             TextRun("none yet assigned.")],
        ])))
        blocks.append(.table(Table(columns: [.text, .number, .number, .number, .number],
                                   headerRows: [["Area", "Open at start", "Opened", "Closed", "Open at end"]],
                                   rows: [["North", "4", "3", "2", "5"], ["East", "6", "6", "2", "10"],
                                          ["South", "5", "4", "1", "8"], ["West", "7", "2", "4", "5"],
                                          ["Total", "22", "15", "9", "28"]],
                                   caption: "Table 1: Case flow by area (area names are row headers)",
                                   totalRow: true, rowHeaders: true)))
        blocks.append(.heading(Heading(level: 2, "PSG casework", id: "casework")))
        blocks.append(.paragraph(Paragraph("The table below runs across pages to show repeated header rows, zebra striping, right-aligned numbers and status cells that carry words as well as colour.")))
        var rows: [[TableCell]] = []
        let issues = ["Anti-social behaviour", "Drug dealing & county lines", "Criminal damage", "Street drinking <near school>",
                      "Fly-tipping", "Cuckooing of vulnerable residents"]
        let locations = ["Arbury Court", "Abbey Pools", "Cherry Hinton High St", "Market Square", "Mill Road Cemetery", "Kings Hedges Rd"]
        let statuses: [(String, CellStatus)] = [("Open", .warning), ("Monitoring", .neutral), ("Closed", .good), ("Escalated", .bad)]
        for i in 0..<46 {
            let st = statuses[i % statuses.count]
            rows.append([
                TableCell("PSG-\(2021_000 + i * 7)"), TableCell(areas[i % 4]), TableCell(locations[i % locations.count]),
                TableCell(issues[(i * 5) % issues.count]), TableCell(st.0, status: st.1),
                TableCell(NumberFormat.format(Double((i * 37) % 19 + (i % 3) * 1_000))),
            ])
        }
        rows.append([TableCell("Total"), "", "", "", "", TableCell(NumberFormat.format(Double(rows.count * 700)))])
        blocks.append(.table(Table(columns: [.text, .text, .text, TableColumn(.left, maxWidth: 150), .text, .number],
                                   headerRows: [["Case", "Area", "Location", "Issue", "Status", "Contacts"]],
                                   rows: rows, caption: "Table 2: PSG cases this quarter", totalRow: true)))
        blocks.append(.heading(Heading(level: 1, "Text features")))
        blocks.append(.paragraph(Paragraph([
            TextRun("Input text is plain text: "), TextRun("Fish & Chips <b>not bold</b> > 5 £12.50 – café", bold: true),
            TextRun(" renders literally, and no markup is built from input. Long identifiers such as "),
            TextRun("cambridgeshire-community-safety-partnership-problem-solving-group-quarterly-report", italic: true),
            TextRun(" wrap with a hyphen instead of overflowing."),
        ])))
        let accent = branding.accent
        blocks.append(.paragraph(Paragraph([
            TextRun("Links sit inside running text too: go back to the "),
            TextRun("contents", color: accent, link: .destination(Heading.contentsDestination)),
            TextRun(", jump to "), TextRun("the casework table", color: accent, link: .destination("casework")),
            TextRun(", or read the "), TextRun("partnership's plan on the City Council website", color: accent,
                                                link: .uri("https://www.cambridge.gov.uk/community-safety-partnership")),
            TextRun("."),
        ])))
        blocks.append(.paragraph(Paragraph("A whole paragraph can be one link: this one goes back to the contents.",
                                           link: .destination(Heading.contentsDestination))))
        blocks.append(.paragraph(Paragraph("Cambridge Community Safety Partnership on the City Council website",
                                           link: .uri("https://www.cambridge.gov.uk/community-safety-partnership"))))
        blocks.append(.paragraph(Paragraph("Notes: figures are counts of records in the quarter's files; small numbers are suppressed in the public edition.", style: .note)))
        let meta = DocumentMetadata(title: "Problem-Solving Group report — rendering specimen", author: branding.name,
                                    subject: "Specimen of the cspreport rendering engine",
                                    keywords: ["community safety", "Problem-Solving Group", "Cambridge", "specimen"],
                                    creator: "cspreport specimen", date: date)
        return Document(metadata: meta, template: PageTemplate(title: title, classification: classification),
                        branding: branding, blocks: blocks)
    }

    /// A long document of tables and charts for the benchmark: about `pages` pages.
    public static func benchmark(pages: Int, date: DateTime) -> Document {
        var blocks: [Block] = []
        let areas = ["North", "East", "South", "West"]
        for p in 0..<max(1, pages / 2) {
            blocks.append(.heading(Heading(level: 1, "Section \(p + 1)")))
            blocks.append(.paragraph(Paragraph("Activity and casework for this section, with a chart and a table of thirty rows. Figures are synthetic and exist to measure the renderer.")))
            blocks.append(.figure(Figure(Chart(.groupedBar(.vertical), title: "Activity by area", altText: "Grouped bars of activity by area.",
                                               categories: areas, series: [ChartSeries("Opened", [3, 6, 4, Double(p % 9)]),
                                                                           ChartSeries("Closed", [5, 2, 1, 4])]))))
            var rows: [[TableCell]] = []
            for r in 0..<30 {
                rows.append([TableCell("Row \(r + 1)"), TableCell(areas[r % 4]), TableCell("Description of item \(r) in section \(p)"),
                             TableCell(NumberFormat.format(Double(r * 113 + p)))])
            }
            blocks.append(.table(Table(columns: [.text, .text, .text, .number], headerRows: [["Item", "Area", "Detail", "Value"]], rows: rows)))
            blocks.append(.pageBreak)
        }
        return Document(metadata: DocumentMetadata(title: "Benchmark", author: "cspreport", date: date),
                        template: PageTemplate(title: "Benchmark", classification: "OFFICIAL"),
                        branding: Branding(), blocks: blocks)
    }
}
